// The incidents words of the staff catalogue (see ../catalogue.ts): `en` defines the keys, `zh`
// must give every one. A section of its own so that each area's page grows its words here.
// Every key starts with `inc`: the sections share one catalogue (see ./supervisor.ts).
export const incidentsEn = {
  incTitle: 'Outage incidents',
  incNone: 'No open outage incident.',
  incIncident: 'Incident',
  incArea: 'Area',
  incStatus: 'Status',
  incReports: 'Reports',
  incAccounts: 'Accounts',
  incEta: 'ETA',
  incStorm: 'Storm mode',
  incStormBanner: 'Storm mode: {id}',
  incStormOn: 'Storm mode on',
  incStormOff: 'Storm mode off',
  incInvestigating: 'Investigating',
  incCrewDispatched: 'Crew dispatched',
  incCrewOnSite: 'Crew on site',
  incRestored: 'Restored',
  incFailed: 'Failed: {m}',
} as const;

export const incidentsZh: Record<keyof typeof incidentsEn, string> = {
  incTitle: '停电事件',
  incNone: '目前没有未恢复的停电事件。',
  incIncident: '事件',
  incArea: '区域',
  incStatus: '状态',
  incReports: '报告',
  incAccounts: '户号',
  incEta: '预计恢复',
  incStorm: '风暴模式',
  incStormBanner: '风暴模式：{id}',
  incStormOn: '开启风暴模式',
  incStormOff: '关闭风暴模式',
  incInvestigating: '排查中',
  incCrewDispatched: '抢修已出发',
  incCrewOnSite: '现场抢修',
  incRestored: '已恢复',
  incFailed: '操作失败：{m}',
};
