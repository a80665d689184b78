// The supervisor words of the staff catalogue (see ../catalogue.ts): `en` defines the keys, `zh`
// must give every one. A section of its own so that each area's page grows its words here.
export const supervisorEn = {} as const;

export const supervisorZh: Record<keyof typeof supervisorEn, string> = {};
