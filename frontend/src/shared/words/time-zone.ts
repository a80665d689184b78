// The time-zone words of the staff catalogue (see ../catalogue.ts): which zone the staff pages'
// times are in. Every key starts with `zone` (the sections share one catalogue).
export const timeZoneEn = {
  zoneService: 'Times: {zone}',
  zoneBrowser: "Times: {zone}, this browser's zone (the service's zone could not be read)",
  zoneHint:
    "Every time on this page is the service's clock ({zone}), the one customers are told and reports count in",
  zoneBrowserHint:
    "The service's zone could not be read: times are shown in this browser's zone ({zone}), which may not be the customers'",
};

export const timeZoneZh: Record<keyof typeof timeZoneEn, string> = {
  zoneService: '时间：{zone}',
  zoneBrowser: '时间：{zone}，本浏览器的时区（未能读取服务时区）',
  zoneHint: '本页所有时间均按服务时区（{zone}）显示，与告知客户的时间和报表一致',
  zoneBrowserHint: '未能读取服务时区：时间按本浏览器的时区（{zone}）显示，可能与客户的时间不同',
};
