import { startTestApp, TestApp } from '../../support/test-app';

/** An app whose SLA targets are one second (first response) and two (resolution), at every priority. */
export const startAppWithOneSecondSla = (): Promise<TestApp> =>
  startTestApp({
    SLA_FIRST_RESPONSE_SECONDS: '1,1,1',
    SLA_RESOLUTION_SECONDS: '2,2,2',
  });
