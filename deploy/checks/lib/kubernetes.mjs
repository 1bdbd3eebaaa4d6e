// Kubernetes manifests: every YAML document parses, the kustomizations point at files that exist
// and patch paths that exist, and the Deployment, the KEDA ScaledObject, the PDB and the worker's
// configuration agree with each other (group, topic, drain deadline and grace period, probes).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import YAML from 'yaml';
import { assert, noProblems } from './report.mjs';
import { walk, read } from './files.mjs';
import { isKnownWorkerEnv } from './contract.mjs';

const seconds = (text) => {
  const m = String(text).match(/^(\d+)(ms|s|m|h)?$/);
  if (!m) return NaN;
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600, undefined: 1 }[m[2]];
};

export async function kubernetesChecks(report, { root }) {
  const dir = path.join(root, 'deploy/k8s');
  const docs = [];

  await report.check('k8s: every YAML document parses', () => {
    const files = walk(dir, (n) => /\.ya?ml$/.test(n));
    const problems = [];
    for (const file of files) {
      for (const doc of YAML.parseAllDocuments(read(file))) {
        if (doc.errors.length) problems.push(`${path.relative(root, file)}: ${doc.errors[0].message}`);
        else if (doc.contents !== null) docs.push({ file, obj: doc.toJS() });
      }
    }
    noProblems(problems, 'YAML errors');
    return `${docs.length} documents in ${files.length} files`;
  });
  const find = (kind, name) => docs.find((d) => d.obj.kind === kind && (!name || d.obj.metadata?.name === name))?.obj;

  await report.check('k8s: kustomizations name files that exist and patch paths that exist', () => {
    const problems = [];
    for (const { file, obj } of docs.filter((d) => d.obj.kind === 'Kustomization')) {
      const base = path.dirname(file);
      for (const r of obj.resources || []) {
        const target = path.join(base, r);
        const ok = walk(path.dirname(target), () => true).some((f) => f === target || f.startsWith(target + path.sep));
        if (!ok) problems.push(`${path.relative(root, file)}: resource ${r} does not exist`);
      }
      for (const p of obj.patches || []) {
        const target = docs.find((d) => d.obj.kind === p.target.kind && d.obj.metadata?.name === p.target.name && d.file !== file);
        if (!target) { problems.push(`${path.relative(root, file)}: patch target ${p.target.kind}/${p.target.name} not found`); continue; }
        for (const op of YAML.parse(p.patch)) {
          const parts = op.path.split('/').slice(1);
          const parent = parts.slice(0, -1).reduce((o, k) => (o == null ? o : o[k]), target.obj);
          const last = parts[parts.length - 1];
          if (parent == null || (op.op === 'replace' && !(last in parent))) problems.push(`${path.relative(root, file)}: ${op.op} ${op.path} does not exist in ${p.target.kind}/${p.target.name}`);
        }
      }
    }
    noProblems(problems, 'kustomize');
  });

  await report.check('k8s: the Deployment asks for a GPU, probes /healthz and /readyz, runs unprivileged', () => {
    const dep = find('Deployment', 'dreamworker');
    assert(dep, 'Deployment dreamworker is missing');
    const pod = dep.spec.template.spec;
    const c = pod.containers[0];
    const problems = [];
    if (String(c.resources?.limits?.['nvidia.com/gpu']) !== '1') problems.push('limits nvidia.com/gpu must be 1');
    if (c.startupProbe?.httpGet?.path !== '/healthz') problems.push('startupProbe must GET /healthz (model load is slow)');
    if (c.livenessProbe?.httpGet?.path !== '/healthz') problems.push('livenessProbe must GET /healthz');
    if (c.readinessProbe?.httpGet?.path !== '/readyz') problems.push('readinessProbe must GET /readyz');
    const startupBudget = (c.startupProbe?.periodSeconds || 10) * (c.startupProbe?.failureThreshold || 3);
    if (startupBudget < 600) problems.push(`the startup probe allows ${startupBudget}s; loading a large bundle takes minutes (allow 600s or more)`);
    if (pod.securityContext?.runAsNonRoot !== true) problems.push('runAsNonRoot must be true');
    if (c.securityContext?.allowPrivilegeEscalation !== false || c.securityContext?.readOnlyRootFilesystem !== true) problems.push('no privilege escalation, read-only root file system');
    if (JSON.stringify(c.args) !== JSON.stringify(['run', '--config', '/etc/dreamworker/worker.yaml'])) problems.push(`args must be run --config /etc/dreamworker/worker.yaml, got ${JSON.stringify(c.args)}`);
    if (dep.spec.strategy?.rollingUpdate?.maxSurge !== 0) problems.push('maxSurge must be 0: a surge pod needs a spare GPU and may get no partition');
    const mounts = (c.volumeMounts || []).map((m) => m.mountPath);
    for (const needed of ['/models', '/var/cache/dreamworker', '/tmp']) if (!mounts.includes(needed)) problems.push(`a writable volume at ${needed} is missing (the root file system is read-only)`);
    noProblems(problems, 'Deployment');
  });

  await report.check('k8s: the grace period outlasts the worker\'s drain deadline', () => {
    const dep = find('Deployment', 'dreamworker');
    const c = dep.spec.template.spec.containers[0];
    const cm = find('ConfigMap', 'dreamworker');
    const fileDrain = seconds(YAML.parse(cm.data['worker.yaml']).shutdown['drain-timeout']);
    const envDrain = (c.env || []).find((e) => e.name === 'DREAMWORKER_SHUTDOWN_DRAIN_TIMEOUT');
    const drain = envDrain ? seconds(envDrain.value) : fileDrain;
    const grace = dep.spec.template.spec.terminationGracePeriodSeconds;
    assert(Number.isFinite(drain), 'no drain deadline found (shutdown.drain-timeout)');
    assert(grace >= drain + 30, `terminationGracePeriodSeconds ${grace} must exceed the drain deadline ${drain}s by 30s or more (commit, leave the group)`);
    return `grace ${grace}s, drain ${drain}s`;
  });

  await report.check('k8s: KEDA scales the Deployment on the worker\'s group and topics', () => {
    const so = find('ScaledObject', 'dreamworker');
    const dep = find('Deployment', 'dreamworker');
    const cfg = YAML.parse(find('ConfigMap', 'dreamworker').data['worker.yaml']);
    assert(so, 'ScaledObject dreamworker is missing');
    const problems = [];
    if (so.spec.scaleTargetRef.name !== dep.metadata.name) problems.push('scaleTargetRef must name the Deployment');
    const kafka = (so.spec.triggers || []).filter((t) => t.type === 'kafka' || t.type === 'apache-kafka');
    if (kafka.length === 0) problems.push('no kafka trigger');
    for (const t of kafka) {
      if (t.metadata.consumerGroup !== cfg.kafka['group-id']) problems.push(`trigger group ${t.metadata.consumerGroup} is not the worker's kafka.group-id ${cfg.kafka['group-id']}`);
      if (t.metadata.topic && !cfg.kafka['jobs-topics'].includes(t.metadata.topic)) problems.push(`trigger topic ${t.metadata.topic} is not a jobs topic`);
      if (!(Number(t.metadata.lagThreshold) > 0)) problems.push('lagThreshold must be a positive number (the backlog per worker)');
      if (t.metadata.allowIdleConsumers !== 'false') problems.push('allowIdleConsumers must be false: a worker beyond the partitions idles');
    }
    if (!(so.spec.minReplicaCount >= 1)) problems.push('minReplicaCount must be at least 1 (a loaded model takes minutes to come back)');
    noProblems(problems, 'ScaledObject');
  });

  await report.check('k8s: the PDB and the Service select the worker pods; the environment uses contract names', () => {
    const dep = find('Deployment', 'dreamworker');
    const labels = dep.spec.template.metadata.labels;
    const matches = (sel) => Object.entries(sel || {}).every(([k, v]) => labels[k] === v);
    const problems = [];
    if (!matches(find('PodDisruptionBudget').spec.selector.matchLabels)) problems.push('the PDB selects no worker pod');
    if (!matches(find('Service').spec.selector)) problems.push('the Service selects no worker pod');
    if (!matches(dep.spec.selector.matchLabels)) problems.push('the Deployment selector does not match its template');
    for (const d of docs.filter((x) => x.obj.kind === 'ConfigMap' && x.obj.metadata.name === 'dreamworker-env')) {
      for (const k of Object.keys(d.obj.data || {})) if (!isKnownWorkerEnv(k)) problems.push(`${k} is no variable of the worker contract`);
    }
    noProblems(problems, 'selectors and environment');
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (kubectl.error || kubectl.status !== 0) {
    report.skip('k8s: kubectl kustomize builds the base and the overlays', 'no kubectl on PATH');
  } else {
    await report.check('k8s: kubectl kustomize builds the base and the overlays', () => {
      const problems = [];
      for (const d of ['base', 'overlays/msk']) {
        const r = spawnSync('kubectl', ['kustomize', path.join(dir, d)], { encoding: 'utf8' });
        if (r.status !== 0) problems.push(`${d}: ${r.stderr.trim()}`);
      }
      noProblems(problems, 'kustomize build');
    });
  }
}
