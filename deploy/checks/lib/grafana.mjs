// The Grafana dashboard: valid JSON, panels laid out without overlap, every query on the
// dashboard's data source variable and on metrics the worker exposes.
import path from 'node:path';
import { assert, noProblems } from './report.mjs';
import { read } from './files.mjs';
import { METRICS, METRIC_SUFFIXES } from './contract.mjs';

export async function grafanaChecks(report, { root }) {
  const file = path.join(root, 'deploy/grafana/dreamworker.json');
  let dash;
  await report.check('grafana: the dashboard is valid JSON with a title, a uid and panels', () => {
    dash = JSON.parse(read(file));
    assert(dash.title && dash.uid && Array.isArray(dash.panels) && dash.panels.length > 0, 'title, uid and panels are required');
    return `${dash.panels.length} panels`;
  });
  if (!dash) return;

  await report.check('grafana: panel ids are unique and panels do not overlap', () => {
    const problems = [];
    const ids = new Set();
    const cells = new Map();
    for (const p of dash.panels) {
      if (ids.has(p.id)) problems.push(`id ${p.id} twice`);
      ids.add(p.id);
      const g = p.gridPos;
      if (g.x + g.w > 24) problems.push(`"${p.title}" runs past the 24 columns`);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          const key = `${x},${y}`;
          if (cells.has(key)) { problems.push(`"${p.title}" overlaps "${cells.get(key)}"`); x = 99; break; }
          cells.set(key, p.title);
        }
      }
    }
    noProblems(problems, 'layout');
  });

  await report.check('grafana: every query reads a metric the worker exposes, through the dashboard\'s variables', () => {
    const known = new Set(METRICS.flatMap((m) => METRIC_SUFFIXES.map((s) => m + s)));
    const variables = new Set(dash.templating.list.map((v) => v.name));
    const problems = [];
    const topics = { throughput: /jobs_total|tokens|images/, latency: /job_duration_seconds_bucket/, batch: /engine_batch_rows/, inFlight: /jobs_in_flight/, lag: /consumer_lag_records/, s3: /s3_retries_total/ };
    const covered = new Set();
    for (const p of dash.panels.filter((x) => x.type !== 'row')) {
      if (p.datasource?.uid !== '${datasource}') problems.push(`"${p.title}" does not use the \${datasource} variable`);
      for (const t of p.targets || []) {
        for (const [topic, re] of Object.entries(topics)) if (re.test(t.expr)) covered.add(topic);
        for (const m of t.expr.matchAll(/\b(dreamworker_[a-z0-9_]+)/g)) if (!known.has(m[1])) problems.push(`"${p.title}" reads ${m[1]}, which the worker does not expose`);
        for (const m of t.expr.matchAll(/\$(\w+)/g)) if (!variables.has(m[1]) && !m[1].startsWith('__')) problems.push(`"${p.title}" uses $${m[1]}, no dashboard variable`);
      }
    }
    for (const topic of Object.keys(topics)) if (!covered.has(topic)) problems.push(`no panel shows ${topic}`);
    noProblems(problems, 'queries');
  });
}
