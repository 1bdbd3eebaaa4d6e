// The shell scripts that run on instances and in the image: syntax (bash -n, shellcheck where
// installed), and their behaviour against stand-ins for curl, docker, the AWS CLI and the JVM
// (stubs/): the agent's lifecycle handling, the entrypoint's bundle fetch, the health check.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, noProblems } from './report.mjs';
import { walk, read } from './files.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const stubs = path.join(here, '..', 'stubs');

function scripts(root) {
  return [
    ...walk(path.join(root, 'deploy'), (n) => n.endsWith('.sh')),
    path.join(root, 'deploy/checks/run'),
    ...walk(path.join(root, 'deploy/checks/stubs'), () => true),
  ];
}

// ---- the agent ------------------------------------------------------------------------------

class AgentWorld {
  constructor(agent, settings = {}) {
    this.agent = agent;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dreamworker-agent-'));
    this.stubDir = path.join(this.dir, 'stub');
    this.stateDir = path.join(this.dir, 'state');
    fs.mkdirSync(this.stubDir);
    const config = {
      ASG_NAME: 'workers', AWS_REGION: 'test-region-1', IMAGE: 'registry.example.com/dreamworker:0.1.0',
      LAUNCH_HOOK: 'workers-ready', TERMINATE_HOOK: 'workers-drain', BUNDLE_S3_URI: 's3://models/b/',
      BUNDLE_HOST_DIR: path.join(this.dir, 'bundle'), WORKER_UID: String(process.getuid()),
      WORKER_ENV_FILE: '/etc/dreamworker/worker.env', DRAIN_SECONDS: '120', STOP_GRACE_SECONDS: '20',
      HTTP_PORT: '8080', LOG_GROUP: '/dreamworker/workers', PROTECT_WHILE_BUSY: 'false', ...settings,
    };
    this.config = path.join(this.dir, 'agent.env');
    fs.writeFileSync(this.config, Object.entries(config).map(([k, v]) => `${k}='${v}'`).join('\n') + '\n');
  }

  set(file, value) {
    if (value === undefined) fs.rmSync(path.join(this.stubDir, file), { force: true });
    else fs.writeFileSync(path.join(this.stubDir, file), String(value));
  }

  round(now) {
    fs.rmSync(path.join(this.stubDir, 'calls'), { force: true });
    const r = spawnSync('bash', [this.agent, '--once'], {
      encoding: 'utf8',
      env: {
        PATH: `${stubs}:${process.env.PATH}`, STUB_DIR: this.stubDir, AGENT_CONFIG: this.config,
        AGENT_STATE_DIR: this.stateDir, IMDS_ENDPOINT: 'http://imds.test', ...(now ? { AGENT_NOW: String(now) } : {}),
      },
    });
    if (r.status !== 0) throw new Error(`the agent failed: ${r.stderr}`);
    const calls = fs.existsSync(path.join(this.stubDir, 'calls')) ? read(path.join(this.stubDir, 'calls')).trim().split('\n') : [];
    return { calls: calls.filter((c) => !c.startsWith('curl')), log: r.stdout };
  }

  close() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const has = (calls, re) => calls.some((c) => re.test(c));
const index = (calls, re) => calls.findIndex((c) => re.test(c));

const AGENT_SCENARIOS = [
  ['a new instance starts the worker and is put in service once /readyz answers', (w) => {
    w.set('target-state', 'InService');
    w.set('ready', 503);
    let { calls } = w.round();
    assert(has(calls, /^docker pull registry\.example\.com\/dreamworker:0\.1\.0$/), `no pull: ${calls}`);
    const run = calls.find((c) => c.startsWith('docker run -d'));
    assert(run && /--gpus all/.test(run) && /--env-file \/etc\/dreamworker\/worker\.env/.test(run) && /--network host/.test(run)
      && /DREAMWORKER_BUNDLE_S3_URI=s3:\/\/models\/b\//.test(run) && /--stop-timeout 140/.test(run) && /--restart unless-stopped/.test(run)
      && /--log-driver awslogs/.test(run), `the worker's docker run lacks a setting: ${run}`);
    assert(!has(calls, /complete-lifecycle-action/), 'completed the launch hook before the worker was ready');
    w.set('ready', 200);
    ({ calls } = w.round());
    assert(!has(calls, /docker run/), 'started the worker twice');
    assert(has(calls, /complete-lifecycle-action .*--lifecycle-hook-name workers-ready .*--lifecycle-action-result CONTINUE/), `launch hook not completed: ${calls}`);
    ({ calls } = w.round());
    assert(!has(calls, /complete-lifecycle-action/), 'completed the launch hook twice');
  }],
  ['termination drains the worker with the deadline, then releases the instance', (w) => {
    w.set('target-state', 'Terminated');
    w.set('running', 'true');
    let { calls } = w.round();
    const stop = index(calls, /^docker stop -t 140 dreamworker$/);
    const release = index(calls, /complete-lifecycle-action .*--lifecycle-hook-name workers-drain/);
    assert(stop >= 0, `no drain (docker stop -t 140): ${calls}`);
    assert(release > stop, 'released the instance before the worker had drained');
    ({ calls } = w.round());
    assert(calls.length === 0 || !has(calls, /docker stop|complete-lifecycle-action|docker run/), `acted again after release: ${calls}`);
  }],
  ['a warm-pool instance pulls the image and fetches the bundle, without starting the worker', (w) => {
    w.set('target-state', 'Warmed:Stopped');
    const { calls } = w.round();
    assert(has(calls, /^docker pull /), 'no pull');
    assert(has(calls, /^docker run --rm .* bundle fetch s3:\/\/models\/b\/ \/models\/bundle$/), `no bundle fetch: ${calls}`);
    assert(!has(calls, /docker run -d/), 'started the worker in the warm pool');
    assert(index(calls, /workers-ready/) > index(calls, /bundle fetch/), 'released before the bundle was fetched');
    const marker = path.join(w.dir, 'bundle', '.dreamworker-fetched-from');
    assert(fs.existsSync(marker) && read(marker).trim() === 's3://models/b/', 'the fetched-from marker is missing');
  }],
  ['an instance returning to the warm pool drains first', (w) => {
    w.set('target-state', 'Warmed:Stopped');
    w.set('running', 'true');
    w.set('image-present', '');
    const { calls } = w.round();
    assert(index(calls, /^docker stop -t 140/) >= 0 && index(calls, /^docker stop/) < index(calls, /workers-ready/), `no drain before the pool: ${calls}`);
  }],
  ['a worker scaled in to the warm pool drains, releases the hook again, and serves again when started', (w) => {
    w.set('target-state', 'InService');
    w.set('ready', 200);
    let { calls } = w.round();
    assert(has(calls, /workers-ready/), 'first launch not completed');
    w.set('target-state', 'Warmed:Running');
    ({ calls } = w.round());
    assert(has(calls, /^docker stop -t 140/) && index(calls, /workers-ready/) > index(calls, /^docker stop/), `no drain, then hook, on the way back to the pool: ${calls}`);
    w.set('target-state', 'InService');
    ({ calls } = w.round());
    assert(has(calls, /^docker run -d/) && has(calls, /workers-ready/), `not started and released again out of the pool: ${calls}`);
  }],
  ['a spot interruption drains at once and the worker is not restarted', (w) => {
    w.set('target-state', 'InService');
    w.set('running', 'true');
    w.set('spot', '');
    let { calls } = w.round();
    assert(has(calls, /^docker stop -t 140 dreamworker$/), `no drain on the spot notice: ${calls}`);
    ({ calls } = w.round());
    assert(!has(calls, /docker run -d/), 'restarted a worker on an instance about to be reclaimed');
  }],
  ['standby drains without a lifecycle action', (w) => {
    w.set('target-state', 'Standby');
    w.set('running', 'true');
    const { calls } = w.round();
    assert(has(calls, /^docker stop/) && !has(calls, /complete-lifecycle-action/), `${calls}`);
  }],
  ['a busy worker is protected from scale-in, an idle one is not, and never for longer than the cap', (w) => {
    w.set('target-state', 'InService');
    w.set('running', 'true');
    w.set('ready', 200);
    w.set('no-pending-action', '');
    w.set('in-flight', 3);
    let { calls } = w.round(1000);
    assert(has(calls, /set-instance-protection .*--protected-from-scale-in/), `busy worker not protected: ${calls}`);
    ({ calls } = w.round(1010));
    assert(!has(calls, /set-instance-protection/), 'protection set again while unchanged');
    w.set('in-flight', 0);
    ({ calls } = w.round(1100));
    assert(!has(calls, /set-instance-protection/), 'protection dropped before the idle time');
    ({ calls } = w.round(1131));
    assert(has(calls, /set-instance-protection .*--no-protected-from-scale-in/), `idle worker still protected: ${calls}`);
    w.set('in-flight', 5);
    ({ calls } = w.round(2000));
    assert(has(calls, /--protected-from-scale-in/), 'busy again but not protected');
    ({ calls } = w.round(2000 + 1800));
    assert(has(calls, /--no-protected-from-scale-in/), 'protection outlived PROTECT_MAX_SECONDS');
    ({ calls } = w.round(2000 + 1830));
    assert(!has(calls, /set-instance-protection/), 'a capped worker was protected again before it had been idle');
  }, { PROTECT_WHILE_BUSY: 'true', PROTECT_IDLE_SECONDS: '120', PROTECT_MAX_SECONDS: '1800' }],
];

// ---- the health check -----------------------------------------------------------------------

function runAsync(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

async function withServer(status, body, fn) {
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/readyz' ? status : 404, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await fn(server.address().port);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function scriptChecks(report, { root }) {
  await report.check('scripts: bash -n on every shell script of deploy/', () => {
    const files = scripts(root);
    const problems = files.map((f) => [f, spawnSync('bash', ['-n', f], { encoding: 'utf8' })])
      .filter(([, r]) => r.status !== 0).map(([f, r]) => `${path.relative(root, f)}: ${r.stderr.trim()}`);
    noProblems(problems, 'syntax errors');
    return `${files.length} scripts`;
  });

  const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  if (shellcheck.error || shellcheck.status !== 0) {
    report.skip('scripts: shellcheck', 'shellcheck is not installed (apt-get install shellcheck)');
  } else {
    await report.check('scripts: shellcheck', () => {
      const r = spawnSync('shellcheck', ['-S', 'warning', ...scripts(root)], { encoding: 'utf8' });
      assert(r.status === 0, r.stdout + r.stderr);
      return (shellcheck.stdout.match(/version: (\S+)/) || [])[1];
    });
  }

  const agent = path.join(root, 'deploy/terraform/modules/gpu-worker-asg/files/dreamworker-agent.sh');
  for (const [name, scenario, settings] of AGENT_SCENARIOS) {
    await report.check(`agent: ${name}`, () => {
      const world = new AgentWorld(agent, settings);
      try {
        scenario(world);
      } finally {
        world.close();
      }
    });
  }

  await report.check('entrypoint: fetches the bundle once, points DJL at the unpacked libraries, execs the JVM', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dreamworker-entry-'));
    try {
      const home = path.join(dir, 'home');
      fs.mkdirSync(path.join(home, 'native/libtorch'), { recursive: true });
      fs.mkdirSync(path.join(home, 'bin'));
      fs.writeFileSync(path.join(home, 'native/libtorch/flavor'), 'cu128\n');
      fs.writeFileSync(path.join(home, 'native/libtorch/version'), '2.7.1\n');
      fs.copyFileSync(path.join(root, 'deploy/docker/entrypoint.sh'), path.join(home, 'bin/entrypoint'));
      const javaHome = path.join(dir, 'jdk');
      fs.mkdirSync(path.join(javaHome, 'bin'), { recursive: true });
      fs.copyFileSync(path.join(stubs, 'java'), path.join(javaHome, 'bin/java'));
      fs.chmodSync(path.join(javaHome, 'bin/java'), 0o755);
      const env = {
        PATH: process.env.PATH, JAVA_HOME: javaHome, STUB_DIR: dir,
        DREAMWORKER_BUNDLE_S3_URI: 's3://models/b/', DREAMWORKER_BUNDLE_PATH: path.join(dir, 'bundle'),
      };
      const run = () => {
        fs.rmSync(path.join(dir, 'calls'), { force: true });
        const r = spawnSync('bash', [path.join(home, 'bin/entrypoint'), 'run', '--config', '/etc/dreamworker/worker.yaml'], { encoding: 'utf8', env });
        assert(r.status === 0, r.stderr);
        return read(path.join(dir, 'calls')).trim().split('\n');
      };
      let calls = run();
      const fetch = calls.findIndex((c) => /^java .* -jar .*dreamworker\.jar bundle fetch s3:\/\/models\/b\/ .*\/bundle$/.test(c));
      const start = calls.findIndex((c) => /^java .*-Dai\.djl\.offline=true .* -jar .*dreamworker\.jar run --config \/etc\/dreamworker\/worker\.yaml$/.test(c));
      assert(fetch >= 0 && start > fetch, `expected a fetch, then run: ${calls.join(' | ')}`);
      const envLine = calls[start + 1];
      assert(envLine.includes('PYTORCH_FLAVOR=cu128') && envLine.includes('PYTORCH_VERSION=2.7.1')
        && envLine.includes(`PYTORCH_LIBRARY_PATH=${home}/native/libtorch`) && envLine.includes('libtokenizers.so'), `DJL's environment: ${envLine}`);
      assert(envLine.includes(`DREAMWORKER_BUNDLE_PATH=${dir}/bundle`) && envLine.endsWith('DREAMWORKER_BUNDLE_S3_URI='), `the worker's bundle settings: ${envLine}`);
      calls = run();
      assert(!calls.some((c) => c.includes('bundle fetch')), 'fetched the same bundle again');
      assert(/^exec "\$java"/m.test(read(path.join(root, 'deploy/docker/entrypoint.sh'))), 'the JVM must replace the script (exec) so that it receives SIGTERM');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  await report.check('healthcheck: healthy on 200 from /readyz, unhealthy on 503 and when nothing listens', async () => {
    const script = path.join(root, 'deploy/docker/healthcheck.sh');
    const ok = await withServer(200, '{"status":"ready"}', (port) => runAsync('bash', [script], { DREAMWORKER_HTTP_PORT: String(port) }));
    assert(ok.code === 0, `200 gave exit ${ok.code}: ${ok.stderr}`);
    const notReady = await withServer(503, '{"reason":"no partitions assigned"}', (port) => runAsync('bash', [script], { DREAMWORKER_HTTP_PORT: String(port) }));
    assert(notReady.code === 1 && notReady.stderr.includes('no partitions assigned'), `503 gave exit ${notReady.code}: ${notReady.stderr}`);
    const closedPort = await withServer(200, '', async (port) => port);
    const nothing = await runAsync('bash', [script], { DREAMWORKER_HTTP_PORT: String(closedPort) });
    assert(nothing.code === 1, `no listener gave exit ${nothing.code}`);
  });
}
