// deploy/ checked offline: Terraform, Kubernetes, Grafana, the Dockerfile and the scripts.
// Run by deploy/checks/run (which installs the packages and adds the Maven-based image checks).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Report } from './lib/report.mjs';
import { terraformChecks } from './lib/terraform.mjs';
import { kubernetesChecks } from './lib/kubernetes.mjs';
import { grafanaChecks } from './lib/grafana.mjs';
import { dockerChecks } from './lib/docker.mjs';
import { scriptChecks } from './lib/scripts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const report = new Report();
const ctx = { root };

await terraformChecks(report, ctx);
await kubernetesChecks(report, ctx);
await grafanaChecks(report, ctx);
await dockerChecks(report, ctx);
await scriptChecks(report, ctx);

console.log(`deploy files: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
process.exit(report.failed === 0 ? 0 : 1);
