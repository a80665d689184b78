// The service's zone (SERVICE_TIMEZONE) as the pages receive it: the widget from GET
// /widget/branding, the supervisor desk from GET /service-settings. Until the answer comes, they
// use the server's default, so that times are the utility's customers' wherever the browser is.

export const DEFAULT_SERVICE_ZONE = 'Asia/Shanghai';

/** Whether this browser knows `zone` as a time zone (an unknown one would throw when formatting). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
