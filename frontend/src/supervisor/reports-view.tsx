import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../shared/i18n';
import { errorText } from '../shared/staff-api';
import type { SupervisorDesk } from './desk-store';
import { ReportCharts } from './report-charts';
import { cell, COLUMNS, GROUP_KEY, GROUPS, lastDays } from './report-cells';
import type { GroupBy, ReportRow, TextGroup } from './supervisor-protocol';

type Miss = TextGroup & { language: string };

interface Report {
  rows: ReportRow[];
  misses: Miss[];
}

/** Service quality over a date range, grouped as asked, with charts, bot misses and CSV files. */
export function ReportsView({ desk, active }: { desk: SupervisorDesk; active: boolean }) {
  const { t, code } = useT();
  const [range, setRange] = useState(() => lastDays(7, Date.now(), desk.zone.zone));
  const [groupBy, setGroupBy] = useState<GroupBy>('day');
  const [report, setReport] = useState<Report | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean }>({
    text: '',
    error: false,
  });
  // Reports can overlap (the first load, then a grouping chosen at once): only the newest is drawn.
  const seq = useRef(0);
  const form = useRef<HTMLFormElement>(null);
  const query = `from=${range.from}&to=${range.to}`;

  /** Runs the report the form shows, or `asked` (the first run, before the form re-renders). */
  const run = async (asked?: { from: string; to: string }) => {
    const mine = ++seq.current;
    // What the form shows now, read at the click: not what the last render saw.
    const fields = form.current ? new FormData(form.current) : null;
    const from = asked?.from ?? String(fields?.get('from') ?? range.from);
    const to = asked?.to ?? String(fields?.get('to') ?? range.to);
    const group = String(fields?.get('groupBy') ?? groupBy);
    const query = `from=${from}&to=${to}`;
    setStatus({ text: t('supLoading'), error: false });
    const [quality, misses] = await Promise.all([
      desk.get<{ rows: ReportRow[] }>(`/reports/quality?${query}&groupBy=${group}`),
      desk.get<{ groups: Miss[] }>(`/reports/bot-misses?${query}`),
    ]);
    if (mine !== seq.current) return;
    if (!quality.ok) return setStatus({ text: errorText(quality, t), error: true });
    if (!misses.ok) return setStatus({ text: errorText(misses, t), error: true });
    setStatus({ text: '', error: false });
    setReport({ rows: quality.body.rows, misses: misses.body.groups });
  };
  useEffect(() => {
    // Only the first showing loads by itself; later runs are asked for. It waits for the
    // service's zone, so that "the last 7 days" are the days the reports count.
    if (!active || report || !desk.settingsRead || seq.current > 0) return;
    const first = lastDays(7, Date.now(), desk.zone.zone);
    setRange(first);
    void run(first);
  }, [active, desk.settingsRead]);

  /** CSV files need the bearer token: fetched here and handed over as a blob. */
  const download = async (e: Event, href: string) => {
    e.preventDefault();
    try {
      const response = await fetch(href, {
        headers: { authorization: `Bearer ${desk.session?.token ?? ''}` },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const disposition = response.headers.get('content-disposition') ?? '';
      const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'report.csv';
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      desk.tell('supDownloadFailed', { m: error instanceof Error ? error.message : String(error) });
    }
  };
  const csvQuality = `/reports/quality?${query}&groupBy=${groupBy}&format=csv`;
  const csvMisses = `/reports/bot-misses?${query}&format=csv`;
  const rows = report?.rows ?? [];

  return (
    <section class="view" id="view-reports" data-testid="view-reports" hidden={!active}>
      <h1 class="sr-only">{t('supTabReports')}</h1>
      <div class="panel">
        <form
          ref={form}
          class="report-form"
          data-testid="report-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <label>
            <span>{t('supFrom')}</span>
            <input
              type="date"
              name="from"
              data-testid="report-from"
              required
              value={range.from}
              onInput={(e) => setRange({ ...range, from: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{t('supTo')}</span>
            <input
              type="date"
              name="to"
              data-testid="report-to"
              required
              value={range.to}
              onInput={(e) => setRange({ ...range, to: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{t('supGroupBy')}</span>
            <select
              name="groupBy"
              data-testid="report-group"
              value={groupBy}
              onChange={(e) => setGroupBy(e.currentTarget.value as GroupBy)}
            >
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(GROUP_KEY[g])}
                </option>
              ))}
            </select>
          </label>
          <button class="primary" data-testid="report-run">
            {t('supRun')}
          </button>
          <span class={status.error ? 'error' : 'muted'} data-testid="report-status" role="status">
            {status.text}
          </span>
          <span class="downloads">
            <a
              href={csvQuality}
              data-testid="csv-quality"
              download
              onClick={(e) => void download(e, csvQuality)}
            >
              {t('supCsvQuality')}
            </a>
            <a
              href={csvMisses}
              data-testid="csv-misses"
              download
              onClick={(e) => void download(e, csvMisses)}
            >
              {t('supCsvMisses')}
            </a>
          </span>
        </form>
      </div>
      <ReportCharts rows={rows} drawn={report !== null} />
      <div class="panel">
        <h2>{t('supQualityTable')}</h2>
        <div class="table-wrap">
          <table data-testid="report-table">
            <thead>
              <tr>
                {COLUMNS.map(([c, key]) => (
                  <th key={c} scope="col" class={c === 'group' ? '' : 'num'}>
                    {t(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report && rows.length === 0 && (
                <tr>
                  <td colSpan={COLUMNS.length} class="empty">
                    {t('supNoRows')}
                  </td>
                </tr>
              )}
              {rows.map((r) => (
                <tr key={r.group} data-testid="report-row">
                  {COLUMNS.map(([c]) => (
                    <td key={c} class={c === 'group' ? '' : 'num'}>
                      {cell(c, r[c], (reason) => code('reasons', reason))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div class="panel">
        <h2>{t('supBotMisses')}</h2>
        <div class="misses" data-testid="bot-misses">
          {report && report.misses.length === 0 && <div class="empty">{t('supNoMisses')}</div>}
          {report?.misses.map((g, i) => (
            <div key={i} class="miss" data-testid="bot-miss-group">
              <strong>{t('supMissSize', { n: g.size })}</strong>{' '}
              <span class="tag">{code('languages', g.language)}</span>
              <ul>
                {g.examples.map((x, j) => (
                  <li key={j}>{x}</li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
