/**
 * How outage reports are grouped into incidents, as pure rules: which area a report speaks for,
 * the id of the incident a report would open, and whether an open incident still takes reports.
 */

export interface ReportPlace {
  districtCode: string;
  /** Known when the customer gave an account (its feeder); a district alone covers every feeder. */
  feederId?: string;
}

export type IncidentScope = 'feeder' | 'district';

/**
 * The `_id` of an area's pointer to its open incident. One pointer per feeder and one per
 * district-wide incident: a report finds its incident by `_id` (two lookups in one `$in`).
 */
export function areaKeyOf(scope: IncidentScope, code: string): string {
  return `${scope}:${code}`;
}

/**
 * The `_id` of a records' outage's pointer to the incident that took it (written once the
 * outage's decider linked one): a report that has the records finds it by `_id` in the same
 * `$in` as its area pointers, whichever area the incident was opened for.
 */
export function outageKeyOf(outageNo: string): string {
  return `outage:${outageNo}`;
}

/** The area keys a report may attach to, the narrowest first. */
export function candidateAreas(place: ReportPlace): string[] {
  return place.feederId
    ? [areaKeyOf('feeder', place.feederId), areaKeyOf('district', place.districtCode)]
    : [areaKeyOf('district', place.districtCode)];
}

/** The area a new incident opened by this report covers. */
export function openingArea(place: ReportPlace): { scope: IncidentScope; code: string } {
  return place.feederId
    ? { scope: 'feeder', code: place.feederId }
    : { scope: 'district', code: place.districtCode };
}

/**
 * An incident's id is derived from its area and the grouping window it opened in
 * (`DH-F02@2026-12-01T12:30Z`), so two instances opening it for one burst pick the same id.
 */
export function incidentIdOf(code: string, at: Date, windowMs: number): string {
  const start = new Date(Math.floor(at.getTime() / windowMs) * windowMs);
  return `${code}@${start.toISOString().slice(0, 16)}Z`;
}

/**
 * Whether a report may join the incident its area key points at. A district-wide incident opened
 * from district-only reports says nothing about one feeder: a customer whose feeder is known joins
 * it only once it is confirmed (the records or staff say the whole district is out).
 */
export function coversReport(
  key: string,
  place: ReportPlace,
  incident: { scope: IncidentScope; confirmed: boolean },
): boolean {
  if (!place.feederId || !key.startsWith('district:')) return true;
  return incident.scope === 'district' && incident.confirmed;
}

export interface AttachableIncident {
  status: string;
  lastReportAt: Date;
  /** Confirmed by the outage records or a person: it stands however quiet the reports are. */
  confirmed: boolean;
}

/**
 * A report joins an open incident of its area while the incident is confirmed, or while its last
 * report is within the window; an unconfirmed incident that went quiet is stale, and a new report
 * opens a new one (the old pointer is replaced).
 */
export function takesReports(incident: AttachableIncident, now: Date, windowMs: number): boolean {
  if (incident.status === 'restored') return false;
  if (incident.confirmed) return true;
  return now.getTime() - incident.lastReportAt.getTime() <= windowMs;
}

/**
 * What the records' outage does with the incident an area's pointer leads to: `adopt` a live one
 * customers opened (not linked to an outage yet, or linked to this one already), `keep` a live
 * one of another outage (it keeps its reports), or `claim` the area (no incident, or a stale or
 * restored one) for its own.
 */
export function recordsMove(
  incident: (AttachableIncident & { outageNo?: string }) | null | undefined,
  outageNo: string,
  now: Date,
  windowMs: number,
): 'adopt' | 'keep' | 'claim' {
  if (!incident || !takesReports(incident, now, windowMs)) return 'claim';
  return incident.outageNo === undefined || incident.outageNo === outageNo ? 'adopt' : 'keep';
}

/** An outage of the records, as grouping needs it. */
export interface RecordsOutage {
  outageNo: string;
  districtCode: string;
  feederIds: string[];
  wholeDistrict: boolean;
}

/**
 * The incident the records' outage opens when nobody reported it yet: its id is derived from the
 * outage number (`outage:<no>`), so every run and every instance names the same one.
 */
export function recordsIncidentIdOf(outageNo: string): string {
  return `outage:${outageNo}`;
}

/**
 * What a records' outage covers: one feeder is a feeder incident; the whole district (or no
 * feeder named) a district one; several feeders a district incident pointed at by each feeder
 * only, so a district-only report, or one from another feeder, does not join it by its district.
 */
export function recordsArea(outage: RecordsOutage): {
  scope: IncidentScope;
  feederId?: string;
  keys: string[];
} {
  if (outage.wholeDistrict || outage.feederIds.length === 0)
    return { scope: 'district', keys: [areaKeyOf('district', outage.districtCode)] };
  if (outage.feederIds.length === 1) {
    const [feederId] = outage.feederIds;
    return { scope: 'feeder', feederId, keys: [areaKeyOf('feeder', feederId)] };
  }
  return { scope: 'district', keys: outage.feederIds.map((f) => areaKeyOf('feeder', f)) };
}

/** Every area key an incident may be pointed at by (released when it is restored). */
export function areaKeysOf(incident: {
  scope: IncidentScope;
  districtCode: string;
  feederId?: string;
  feederIds?: string[];
}): string[] {
  const own = areaKeyOf(incident.scope, incident.feederId ?? incident.districtCode);
  const feeders = (incident.feederIds ?? []).map((f) => areaKeyOf('feeder', f));
  return [...new Set([own, ...feeders])];
}
