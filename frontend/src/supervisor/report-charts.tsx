import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import type { Key } from '../shared/catalogue';
import { useT } from '../shared/i18n';
import type { Translator } from '../shared/translate';
import { ratingTotals } from './report-cells';
import type { ReportRow } from './supervisor-protocol';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

type Config = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

function volume(rows: ReportRow[], { t }: Translator): Config {
  const hasConversations = rows.some((r) => r.conversations !== null);
  const datasets: Config['data']['datasets'] = [
    {
      label: t('supDsTickets'),
      data: rows.map((r) => r.tickets),
      backgroundColor: '#ef6c00',
      yAxisID: 'y',
    },
  ];
  if (hasConversations) {
    datasets.unshift({
      label: t('supDsConversations'),
      data: rows.map((r) => r.conversations),
      backgroundColor: '#0b5394',
      yAxisID: 'y',
    });
    datasets.push({
      type: 'line',
      label: t('supDsContainment'),
      data: rows.map((r) => (r.containmentRate === null ? null : r.containmentRate * 100)),
      borderColor: '#2e7d32',
      backgroundColor: '#2e7d32',
      yAxisID: 'y1',
    });
  }
  return {
    type: 'bar',
    data: { labels: rows.map((r) => r.group), datasets },
    options: {
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 } },
        y1: {
          display: hasConversations,
          position: 'right',
          min: 0,
          max: 100,
          grid: { drawOnChartArea: false },
        },
      },
    },
  };
}

const wait = (rows: ReportRow[]): Config => ({
  type: 'bar',
  data: {
    labels: rows.map((r) => r.group),
    datasets: [
      { label: 'p50', data: rows.map((r) => r.waitP50), backgroundColor: '#64b5f6' },
      { label: 'p90', data: rows.map((r) => r.waitP90), backgroundColor: '#0b5394' },
    ],
  },
  options: { scales: { y: { beginAtZero: true } } },
});

const ratings = (rows: ReportRow[], { t }: Translator): Config => ({
  type: 'bar',
  data: {
    labels: ['★1', '★2', '★3', '★4', '★5'],
    datasets: [
      {
        label: t('supDsRatings'),
        data: ratingTotals(rows),
        backgroundColor: ['#c62828', '#ef6c00', '#f9a825', '#7cb342', '#2e7d32'],
      },
    ],
  },
  options: {
    plugins: { legend: { display: false } },
    scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
  },
});

const CHARTS: [string, Key, (rows: ReportRow[], tr: Translator) => Config][] = [
  ['volume', 'supChartVolume', volume],
  ['wait', 'supChartWait', wait],
  ['ratings', 'supChartRatings', ratings],
];

/** The three charts of a report, redrawn when the rows or the language change. */
export function ReportCharts({ rows, drawn }: { rows: ReportRow[]; drawn: boolean }) {
  const tr = useT();
  return (
    <div class="grid3">
      {CHARTS.map(([name, title, make]) => (
        <div key={name} class="panel">
          <h2>{tr.t(title)}</h2>
          <ChartBox name={name} label={tr.t(title)} rows={drawn ? rows : null} make={make} />
        </div>
      ))}
    </div>
  );
}

interface BoxProps {
  name: string;
  label: string;
  /** null until the first report arrived. */
  rows: ReportRow[] | null;
  make: (rows: ReportRow[], tr: Translator) => Config;
}

function ChartBox({ name, label, rows, make }: BoxProps) {
  const tr = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current || !rows) return;
    const config = make(rows, tr);
    config.options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      ...config.options,
    };
    const chart = new Chart(canvas.current, config);
    canvas.current.dataset.rendered = 'true';
    return () => chart.destroy();
  }, [rows, tr, make]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} data-testid={`chart-${name}`} role="img" aria-label={label} />
    </div>
  );
}
