// The Dockerfile, without a Docker engine: linted (dockerfile-utils), and its stages held to what
// the images promise. deploy/checks/run then runs the build stage's own script (build-dist.sh) and
// starts the laid-out worker, as far as that goes without an engine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, noProblems } from './report.mjs';
import { read } from './files.mjs';

/** Instructions of a Dockerfile by stage: [{ name, from, instructions: [{ keyword, args }] }]. */
export function stages(text) {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const out = [];
  const globals = [];
  for (const line of lines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const m = args.match(/^(\S+)(?:\s+AS\s+(\S+))?$/i);
      out.push({ from: m[1], name: m[2], instructions: [] });
    } else if (out.length === 0) {
      globals.push({ keyword: keyword.toUpperCase(), args });
    } else {
      out[out.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return { globals, stages: out };
}

export async function dockerChecks(report, { root }) {
  const dockerfile = path.join(root, 'deploy/docker/Dockerfile');
  const text = read(dockerfile);
  const here = path.dirname(fileURLToPath(import.meta.url));

  await report.check('docker: dockerfile-utils finds no problem in the Dockerfile', () => {
    const bin = path.join(here, '..', 'node_modules', '.bin', 'dockerfile-utils');
    const r = spawnSync(bin, ['lint', dockerfile], { encoding: 'utf8' });
    assert(r.status === 0 && r.stdout.trim() === '', `dockerfile-utils lint:\n${r.stdout}${r.stderr}`);
    return 'dockerfile-utils 0.16.3';
  });

  const { globals, stages: all } = stages(text);
  const stage = (name) => all.find((s) => s.name === name);
  const args = Object.fromEntries(globals.filter((g) => g.keyword === 'ARG').map((g) => g.args.split('=')));

  await report.check('docker: the stages build both variants and the image is the runtime stage', () => {
    const problems = [];
    for (const name of ['build', 'dist-gpu', 'dist-cpu', 'dist', 'jre', 'os-gpu', 'os-cpu', 'runtime']) if (!stage(name)) problems.push(`stage ${name} is missing`);
    if (all[all.length - 1].name !== 'runtime') problems.push('the last stage (the default target) must be runtime');
    if (args.VARIANT !== 'gpu') problems.push('ARG VARIANT must default to gpu');
    if (stage('dist')?.from !== 'dist-${VARIANT}' || stage('runtime')?.from !== 'os-${VARIANT}') problems.push('dist and runtime must follow ${VARIANT}');
    const run = (s) => (stage(s)?.instructions || []).filter((i) => i.keyword === 'RUN').map((i) => i.args).join(' ');
    if (!/deploy\/docker\/build-dist\.sh cuda \/dist/.test(run('dist-gpu'))) problems.push('dist-gpu must run deploy/docker/build-dist.sh cuda /dist');
    if (!/deploy\/docker\/build-dist\.sh cpu \/dist/.test(run('dist-cpu'))) problems.push('dist-cpu must run deploy/docker/build-dist.sh cpu /dist');
    if (!/^eclipse-temurin:21-jdk/.test(args.JDK_IMAGE) || !/^eclipse-temurin:21-jre/.test(args.JRE_IMAGE)) problems.push('the JDK and JRE must be Temurin 21');
    if (!/^nvidia\/cuda:12\.8\.\d+-/.test(args.CUDA_IMAGE)) problems.push(`CUDA_IMAGE must be NVIDIA's CUDA 12.8 image (libtorch cu128), got ${args.CUDA_IMAGE}`);
    for (const [name, value] of Object.entries(args)) if (/_IMAGE$/.test(name) && /:latest$|^[^:]+$/.test(value)) problems.push(`${name} must be pinned to a tag, got ${value}`);
    noProblems(problems, 'stages');
    return all.map((s) => s.name).join(' -> ');
  });

  await report.check('docker: the image runs unprivileged under tini, with a /readyz health check and the cu128 flavour', () => {
    const rt = stage('runtime').instructions;
    const one = (k) => rt.filter((i) => i.keyword === k).map((i) => i.args);
    const env = (s) => stage(s).instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
    const problems = [];
    const user = one('USER')[0] || '';
    if (!/^[1-9]\d*(:[1-9]\d*)?$/.test(user)) problems.push(`USER must be a numeric non-root uid, got "${user}"`);
    let entrypoint = [];
    try { entrypoint = JSON.parse(one('ENTRYPOINT')[0]); } catch { problems.push('ENTRYPOINT must be in exec form'); }
    if (entrypoint[0] !== '/usr/bin/tini' || entrypoint[1] !== '--') problems.push('ENTRYPOINT must start with /usr/bin/tini -- (SIGTERM to the JVM)');
    if (!/^\["run", "--config", "\/etc\/dreamworker\/worker\.yaml"\]$/.test(one('CMD')[0] || '')) problems.push('CMD must be ["run", "--config", "/etc/dreamworker/worker.yaml"]');
    if (!/CMD \["\/opt\/dreamworker\/bin\/healthcheck"\]/.test(one('HEALTHCHECK')[0] || '')) problems.push('HEALTHCHECK must run bin/healthcheck (GET /readyz)');
    if (one('STOPSIGNAL')[0] !== 'SIGTERM') problems.push('STOPSIGNAL must be SIGTERM');
    if (!one('EXPOSE').includes('8080')) problems.push('EXPOSE 8080 (http.port)');
    if (!/PYTORCH_FLAVOR=cu128/.test(env('os-gpu'))) problems.push('os-gpu must set PYTORCH_FLAVOR=cu128');
    if (!/PYTORCH_FLAVOR=cpu/.test(env('os-cpu'))) problems.push('os-cpu must set PYTORCH_FLAVOR=cpu');
    const pomVersion = (read(path.join(root, 'pom.xml')).match(/<pytorch\.native\.version>([^<]+)</) || [])[1];
    const envVersion = (env('runtime').match(/PYTORCH_VERSION=(\S+)/) || [])[1];
    if (envVersion !== pomVersion) problems.push(`PYTORCH_VERSION=${envVersion} in the image, ${pomVersion} in pom.xml`);
    if (!/PYTORCH_LIBRARY_PATH=\/opt\/dreamworker\/native\/libtorch/.test(env('runtime'))) problems.push('PYTORCH_LIBRARY_PATH must point at the unpacked libtorch');
    noProblems(problems, 'runtime image');
  });

  await report.check('docker: every COPY source exists and the context leaves build output out', () => {
    const problems = [];
    for (const s of all) {
      for (const i of s.instructions.filter((x) => x.keyword === 'COPY' && !/--from=/.test(x.args))) {
        const parts = i.args.split(/\s+/).filter((p) => !p.startsWith('--'));
        for (const src of parts.slice(0, -1)) if (src !== '.' && !fs.existsSync(path.join(root, src))) problems.push(`COPY ${src}: no such file`);
      }
    }
    const ignore = read(path.join(root, 'deploy/docker/Dockerfile.dockerignore'));
    for (const needed of ['.git', '**/target']) if (!ignore.split('\n').includes(needed)) problems.push(`Dockerfile.dockerignore must exclude ${needed}`);
    const pom = read(path.join(root, 'worker/pom.xml'));
    if (!/<id>cuda<\/id>[\s\S]*<pytorch\.native\.flavor>cu128<\/pytorch\.native\.flavor>[\s\S]*pytorch-native-\$\{pytorch\.native\.flavor\}/.test(pom)) problems.push('worker/pom.xml needs the cuda profile with pytorch-native-cu128');
    noProblems(problems, 'build context');
  });
}
