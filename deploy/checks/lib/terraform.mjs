// Terraform, offline: every .tf parsed (@cdktf/hcl2json, HashiCorp's own HCL parser compiled to
// WebAssembly), the module held to its contract, and, where a terraform binary exists, `fmt` and
// an evaluation of the module's pure part (variables.tf + locals.tf) with `terraform console`,
// which needs no provider.
import { parse } from '@cdktf/hcl2json';
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, noProblems } from './report.mjs';
import { walk, read } from './files.mjs';
import { javaDurationSeconds, javaStringConstants, isKnownWorkerEnv, lagPackage } from './contract.mjs';

// AWS region names (us-east-1, eu-central-2, ap-southeast-4, us-gov-west-1, cn-north-1, ...).
const REGION = /\b(us|eu|ap|sa|ca|me|af|il|mx|cn)-(gov-|iso-|isob-)?(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b/;
// Long-lived AWS keys, and assignments of anything that looks like a credential.
const CREDENTIALS = [
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/,
  /\b(aws_)?secret_access_key\b/i,
];
// In configuration files: a credential-like key given a literal value.
const CREDENTIAL_ASSIGNMENT = /^\s*"?(access_key|secret_key|token|password|client_secret)"?\s*[=:]\s*"[^"$]{6,}"/im;

const strip = (expr) => (typeof expr === 'string' ? expr.replace(/^\$\{([\s\S]*)\}$/, '$1') : expr);

function blocks(parsed, kind) {
  // hcl2json: { variable: { name: [ {...} ] } } -> [[name, body], ...]
  return Object.entries(parsed[kind] || {}).map(([name, list]) => [name, list[0]]);
}

function resources(parsed) {
  const out = [];
  for (const [type, byName] of Object.entries(parsed.resource || {})) {
    for (const [name, list] of Object.entries(byName)) {
      out.push({ type, name, body: list[0] });
    }
  }
  return out;
}

function merge(parsedFiles) {
  const all = { variable: {}, output: {}, resource: {}, data: {}, locals: {}, provider: {}, terraform: [], module: {} };
  for (const { parsed } of parsedFiles) {
    Object.assign(all.variable, parsed.variable || {});
    Object.assign(all.output, parsed.output || {});
    Object.assign(all.provider, parsed.provider || {});
    Object.assign(all.module, parsed.module || {});
    for (const [type, byName] of Object.entries(parsed.resource || {})) {
      all.resource[type] = { ...(all.resource[type] || {}), ...byName };
    }
    for (const [type, byName] of Object.entries(parsed.data || {})) {
      all.data[type] = { ...(all.data[type] || {}), ...byName };
    }
    for (const l of parsed.locals || []) {
      Object.assign(all.locals, l);
    }
    all.terraform.push(...(parsed.terraform || []));
  }
  return all;
}

function variableProblems(all, where) {
  const problems = [];
  for (const [name, v] of blocks(all, 'variable')) {
    if (!v.type) problems.push(`${where}: variable ${name} has no type`);
    if (!v.description || v.description.length < 15) problems.push(`${where}: variable ${name} has no description (or a too short one)`);
    const validations = v.validation || [];
    if (validations.length === 0) problems.push(`${where}: variable ${name} has no validation`);
    for (const val of validations) {
      if (!String(val.condition).includes(`var.${name}`)) problems.push(`${where}: a validation of ${name} does not test var.${name}`);
      if (!val.error_message || !val.error_message.includes(name)) {
        problems.push(`${where}: a validation of ${name} has an error message that does not name the variable`);
      }
    }
  }
  return problems;
}

function outputProblems(all, where) {
  return blocks(all, 'output')
    .filter(([, o]) => !o.description || o.description.length < 10)
    .map(([name]) => `${where}: output ${name} has no description`);
}

function findDynamic(body, name) {
  return (body.dynamic && body.dynamic[name] && body.dynamic[name][0]) || undefined;
}

export async function terraformChecks(report, { root }) {
  const tfRoot = path.join(root, 'deploy/terraform');
  const moduleDir = path.join(tfRoot, 'modules/gpu-worker-asg');
  const exampleDir = path.join(tfRoot, 'examples/basic');
  const parsedFiles = [];

  await report.check('terraform: every .tf file parses', async () => {
    const files = walk(tfRoot, (n) => n.endsWith('.tf'));
    assert(files.length >= 10, `expected the module and the example under ${tfRoot}, found ${files.length} .tf files`);
    const errors = [];
    for (const file of files) {
      try {
        parsedFiles.push({ file, parsed: await parse(file, read(file)) });
      } catch (error) {
        errors.push(`${path.relative(root, file)}: ${String(error.message || error).split('\n')[0]}`);
      }
    }
    noProblems(errors, 'HCL syntax errors');
    return `${files.length} files`;
  });
  if (parsedFiles.length === 0) {
    return;
  }
  const inDir = (dir) => parsedFiles.filter((p) => path.dirname(p.file) === dir);
  const mod = merge(inDir(moduleDir));
  const example = merge(inDir(exampleDir));
  const res = (type, name) => mod.resource[type] && mod.resource[type][name] && mod.resource[type][name][0];

  await report.check('terraform: the module has the resources of its contract', () => {
    const required = {
      aws_launch_template: 1, aws_autoscaling_group: 1, aws_autoscaling_lifecycle_hook: 2, aws_autoscaling_policy: 1,
      aws_iam_role: 1, aws_iam_instance_profile: 1, aws_iam_role_policy: 1, aws_security_group: 1,
      aws_vpc_security_group_egress_rule: 1, aws_cloudwatch_metric_alarm: 3, aws_cloudwatch_log_group: 1,
    };
    const problems = Object.entries(required)
      .filter(([type, n]) => Object.keys(mod.resource[type] || {}).length < n)
      .map(([type, n]) => `${type}: expected at least ${n}, found ${Object.keys(mod.resource[type] || {}).length}`);
    noProblems(problems, 'missing resources');
    return Object.keys(mod.resource).length + ' resource types';
  });

  await report.check('terraform: every variable is typed, described and validated; every output described', () => {
    const problems = [
      ...variableProblems(mod, 'module'), ...outputProblems(mod, 'module'),
      ...variableProblems(example, 'example'), ...outputProblems(example, 'example'),
    ];
    noProblems(problems, 'undocumented or unchecked inputs and outputs');
    return `${Object.keys(mod.variable).length} module variables, ${Object.keys(mod.output).length} outputs; example ${Object.keys(example.variable).length} variables`;
  });

  await report.check('terraform: the module pins its providers and configures none', () => {
    const problems = [];
    const tf = mod.terraform[0] || {};
    if (!tf.required_version) problems.push('no required_version');
    const aws = tf.required_providers && tf.required_providers[0] && tf.required_providers[0].aws;
    if (!aws || !aws.version || aws.source !== 'hashicorp/aws') problems.push('required_providers.aws needs source hashicorp/aws and a version constraint');
    if (Object.keys(mod.provider).length > 0) problems.push('a reusable module must not configure providers (the caller does)');
    for (const [name, p] of Object.entries(example.provider)) {
      if (p[0].region) problems.push(`example provider ${name} sets a region: take it from AWS_REGION or the profile`);
    }
    noProblems(problems, 'provider setup');
  });

  await report.check('terraform: no credentials and no region names in deploy/', () => {
    const files = walk(path.join(root, 'deploy'), (n) => /\.(tf|tftpl|tfvars\.example|ya?ml|sh|json|md)$|^Dockerfile|^run$/.test(n))
      .filter((f) => !f.endsWith('package-lock.json'));
    const problems = [];
    for (const file of files) {
      const text = read(file);
      for (const pattern of CREDENTIALS) {
        const m = text.match(pattern);
        // The checks name the patterns they look for.
        if (m && !file.includes(`${path.sep}checks${path.sep}`)) problems.push(`${path.relative(root, file)}: looks like a credential: ${m[0]}`);
      }
      if (/\.(tf|tfvars\.example|ya?ml|json)$/.test(file)) {
        const m = text.match(CREDENTIAL_ASSIGNMENT);
        if (m) problems.push(`${path.relative(root, file)}: a credential given in the file: ${m[0].trim()}`);
      }
      if (/\.(tf|tftpl|tfvars\.example)$/.test(file)) {
        const m = text.match(REGION);
        if (m) problems.push(`${path.relative(root, file)}: names the region ${m[0]}: take it from the provider (data.aws_region)`);
      }
    }
    noProblems(problems, 'hard-coded secrets or regions');
    return `${files.length} files`;
  });

  await report.check('terraform: launch template requires IMDSv2, encrypts its volume, runs the agent', () => {
    const lt = res('aws_launch_template', 'worker');
    assert(lt, 'aws_launch_template.worker is missing');
    const problems = [];
    const md = (lt.metadata_options || [])[0] || {};
    if (md.http_tokens !== 'required') problems.push('metadata_options.http_tokens must be "required" (IMDSv2)');
    const ebs = ((lt.block_device_mappings || [])[0] || {}).ebs?.[0] || {};
    if (ebs.encrypted !== true) problems.push('the root volume must be encrypted');
    if (!String(lt.image_id).includes('local.ami_id')) problems.push('image_id must come from the SSM parameter (local.ami_id)');
    if (!String(mod.locals.ami_id).includes('aws_ssm_parameter')) problems.push('local.ami_id must read data.aws_ssm_parameter');
    if (!String(lt.user_data).includes('local.user_data')) problems.push('user_data must be local.user_data');
    if (!String(mod.locals.user_data).includes('dreamworker-agent.sh')) problems.push('the user data must install files/dreamworker-agent.sh');
    noProblems(problems, 'launch template');
  });

  await report.check('terraform: the group spreads, mixes spot with on-demand, rebalances, drains and refreshes', () => {
    const asg = res('aws_autoscaling_group', 'workers');
    assert(asg, 'aws_autoscaling_group.workers is missing');
    const problems = [];
    if (!String(asg.vpc_zone_identifier).includes('var.subnet_ids')) problems.push('vpc_zone_identifier must be var.subnet_ids');
    if (!String(asg.capacity_rebalance).includes('var.capacity_rebalance')) problems.push('capacity_rebalance must follow var.capacity_rebalance');
    const mixed = findDynamic(asg, 'mixed_instances_policy');
    const dist = mixed && mixed.content[0].instances_distribution[0];
    if (!dist || !String(dist.on_demand_base_capacity).includes('var.on_demand_base_capacity') || !dist.spot_allocation_strategy) {
      problems.push('mixed_instances_policy needs an instances_distribution with the on-demand base and a spot strategy');
    }
    if (!findDynamic(asg, 'warm_pool')) problems.push('an optional warm_pool block is missing');
    if (!asg.instance_refresh) problems.push('instance_refresh is missing');
    if (!String(asg.enabled_metrics).includes('local.group_metrics') || !mod.locals.group_metrics.includes('GroupInServiceInstances')) {
      problems.push('GroupInServiceInstances must be collected (enabled_metrics), the scaling math divides by it');
    }
    const lc = (asg.lifecycle || [])[0] || {};
    if (!String(lc.ignore_changes).includes('desired_capacity')) problems.push('lifecycle.ignore_changes must hold desired_capacity (scaling owns it)');
    if (!(lc.precondition || []).some((p) => String(p.condition).includes('configuration_errors'))) problems.push('a precondition on local.configuration_errors is missing');
    const hooks = Object.values(mod.resource.aws_autoscaling_lifecycle_hook || {}).map((l) => l[0]);
    const launching = hooks.find((h) => h.lifecycle_transition === 'autoscaling:EC2_INSTANCE_LAUNCHING');
    const terminating = hooks.find((h) => h.lifecycle_transition === 'autoscaling:EC2_INSTANCE_TERMINATING');
    if (!launching) problems.push('no launch lifecycle hook');
    if (!terminating) problems.push('no termination lifecycle hook (the drain)');
    if (terminating && !String(terminating.heartbeat_timeout).includes('terminate_heartbeat_seconds')) problems.push('the termination hook must wait the drain deadline (local.terminate_heartbeat_seconds)');
    if (!String(mod.locals.terminate_heartbeat_seconds).includes('var.drain_timeout_seconds')) problems.push('terminate_heartbeat_seconds must derive from var.drain_timeout_seconds');
    noProblems(problems, 'autoscaling group');
  });

  await report.check('terraform: target tracking on backlog per instance through metric math', () => {
    const policy = res('aws_autoscaling_policy', 'backlog_per_instance');
    assert(policy, 'aws_autoscaling_policy.backlog_per_instance is missing');
    const problems = [];
    if (policy.policy_type !== 'TargetTrackingScaling') problems.push('policy_type must be TargetTrackingScaling');
    const ttc = policy.target_tracking_configuration[0];
    if (!String(ttc.target_value).includes('var.target_backlog_per_instance')) problems.push('target_value must be var.target_backlog_per_instance');
    const spec = ttc.customized_metric_specification[0];
    const returned = (spec.metrics || []).find((m) => m.return_data === true);
    if (!returned || !String(returned.expression).includes('local.backlog_expression')) problems.push('the returned metric must be the expression local.backlog_expression');
    if (!findDynamic(spec, 'metrics') || !String(findDynamic(spec, 'metrics').for_each).includes('local.backlog_queries')) problems.push('the metric queries must come from local.backlog_queries');
    if (!JSON.stringify(mod.locals.in_service_query).includes('GroupInServiceInstances')) problems.push('the divisor must be GroupInServiceInstances');
    if (!/in_service > 0/.test(String(mod.locals.backlog_expression)) || !/\/ in_service/.test(String(mod.locals.backlog_expression))) {
      problems.push('backlog_expression must divide the lag by in_service, and cope with none in service');
    }
    noProblems(problems, 'scaling policy');
  });

  await report.check('terraform: every alarm notifies when it fires and when it clears', () => {
    const alarms = Object.entries(mod.resource.aws_cloudwatch_metric_alarm || {});
    const problems = alarms.filter(([, l]) => !l[0].alarm_actions || !l[0].ok_actions || !l[0].alarm_description)
      .map(([name]) => `alarm ${name} lacks alarm_actions, ok_actions or a description`);
    noProblems(problems, 'alarms');
    return alarms.map(([n]) => n).join(', ');
  });

  await report.check('terraform: IAM stays least-privilege', () => {
    const doc = mod.data.aws_iam_policy_document && mod.data.aws_iam_policy_document.worker && mod.data.aws_iam_policy_document.worker[0];
    assert(doc, 'data.aws_iam_policy_document.worker is missing');
    const statements = [...(doc.statement || [])];
    for (const d of Object.values(doc.dynamic || {})) {
      for (const s of d) statements.push(...s.content);
    }
    // Actions that have no resource type: allowed on "*" only with a reason.
    const starAllowed = { PublishLagMetrics: 'condition', PullTheImageToken: 'account-wide token' };
    const problems = [];
    for (const s of statements) {
      for (const a of s.actions || []) {
        if (a === '*' || /:\*$/.test(a)) problems.push(`statement ${s.sid}: action ${a} is a wildcard`);
      }
      if (Array.isArray(s.resources) && s.resources.includes('*')) {
        if (!(s.sid in starAllowed)) problems.push(`statement ${s.sid}: resources "*" without a reason`);
        if (s.sid === 'PublishLagMetrics' && !(s.condition || []).some((c) => c.variable === 'cloudwatch:namespace')) {
          problems.push('PutMetricData must be limited to the namespace (condition cloudwatch:namespace)');
        }
      }
    }
    const sids = statements.map((s) => s.sid);
    for (const sid of ['ReadTheBundle', 'WriteJobOutputs', 'ConsumeJobs', 'PublishEventsAndDeadLetters', 'JoinTheConsumerGroup', 'PublishLagMetrics', 'ManageOwnLifecycle']) {
      if (!sids.includes(sid)) problems.push(`statement ${sid} is missing`);
    }
    noProblems(problems, 'IAM policy');
    return `${statements.length} statements`;
  });

  await report.check('terraform: egress only where needed, no open ingress', () => {
    const sg = res('aws_security_group', 'worker');
    const problems = [];
    if (sg.ingress || sg.egress) problems.push('the security group must have no inline rules (separate rule resources)');
    for (const [name, l] of Object.entries(mod.resource.aws_vpc_security_group_egress_rule || {})) {
      if (l[0].ip_protocol === '-1' || l[0].ip_protocol === 'all') problems.push(`egress rule ${name} allows every protocol`);
    }
    const egressPorts = Object.values(mod.resource.aws_vpc_security_group_egress_rule || {}).map((l) => String(l[0].from_port));
    if (!egressPorts.includes('443')) problems.push('no HTTPS egress for the AWS APIs');
    if (!egressPorts.some((p) => p.includes('each.value[1]'))) problems.push('no egress to the Kafka ports');
    noProblems(problems, 'security group');
  });

  await report.check('terraform: lag metric names match the Java publisher (io.dreamworker.worker.lag)', () => {
    const lag = lagPackage(root);
    const names = javaStringConstants(path.join(lag, 'LagMetrics.java'));
    const options = javaStringConstants(path.join(lag, 'LagPublisherOptions.java'));
    const interval = javaDurationSeconds(path.join(lag, 'LagPublisherOptions.java'), 'DEFAULT_INTERVAL');
    const tf = mod.locals.worker_lag_metric[0] || mod.locals.worker_lag_metric;
    const problems = [];
    const pairs = [
      ['consumer_lag', names.CONSUMER_LAG], ['jobs_in_flight', names.JOBS_IN_FLIGHT],
      ['group_dimension', names.CONSUMER_GROUP], ['topic_dimension', names.TOPIC],
    ];
    for (const [key, java] of pairs) {
      if (!java) problems.push(`LagMetrics.java has no constant for ${key}`);
      else if (tf[key] !== java) problems.push(`local.worker_lag_metric.${key} is "${tf[key]}", LagMetrics says "${java}"`);
    }
    const nsDefault = mod.variable.metrics_namespace[0].default;
    if (nsDefault !== options.DEFAULT_NAMESPACE) problems.push(`variable metrics_namespace defaults to "${nsDefault}", LagPublisherOptions.DEFAULT_NAMESPACE is "${options.DEFAULT_NAMESPACE}"`);
    if (tf.period_seconds !== interval || tf.publish_interval !== `${interval}s`) {
      problems.push(`the alarms' period (${tf.period_seconds}) and the interval the module sets (${tf.publish_interval}) must equal the publisher's default interval (${interval}s): the Sum over a period counts each worker once`);
    }
    noProblems(problems, 'Terraform and Java disagree');
    return `${names.CONSUMER_LAG}, ${names.JOBS_IN_FLIGHT} by ${names.CONSUMER_GROUP}/${names.TOPIC} in ${options.DEFAULT_NAMESPACE}`;
  });

  await report.check('terraform: the worker environment uses the contract\'s variable names; the agent gets what it reads', () => {
    const problems = [];
    const env = mod.locals.worker_environment;
    const keys = new Set();
    for (const m of String(JSON.stringify(env)).matchAll(/"?(DREAMWORKER_[A-Z0-9_]+)"?\s*[=:]/g)) keys.add(m[1]);
    for (const m of String(JSON.stringify(mod.locals.kafka_msk_iam_properties)).matchAll(/(DREAMWORKER_[A-Z0-9_]+)/g)) keys.add(m[1]);
    for (const k of keys) if (!isKnownWorkerEnv(k)) problems.push(`${k} is no configuration key of the worker contract`);
    const agent = read(path.join(moduleDir, 'files/dreamworker-agent.sh'));
    const given = Object.keys(mod.locals.agent_environment[0] || mod.locals.agent_environment);
    for (const k of given) if (!new RegExp(`\\$\\{?${k}\\b`).test(agent)) problems.push(`the agent never reads ${k}, which the module sets`);
    for (const m of agent.matchAll(/:\s*"\$\{([A-Z_]+):\?/g)) if (!given.includes(m[1])) problems.push(`the agent requires ${m[1]}, which the module does not set`);
    noProblems(problems, 'environment');
    return `${keys.size} worker variables, ${given.length} agent settings`;
  });

  await report.check('terraform: the module README documents every input and output', () => {
    const readme = read(path.join(moduleDir, 'README.md'));
    const problems = [];
    for (const name of Object.keys(mod.variable)) if (!readme.includes(`\`${name}\``)) problems.push(`input ${name}`);
    for (const name of Object.keys(mod.output)) if (!readme.includes(`\`${name}\``)) problems.push(`output ${name}`);
    noProblems(problems, 'missing from modules/gpu-worker-asg/README.md');
  });

  await consoleChecks(report, { root, tfRoot, moduleDir });
}

// ---- with a terraform binary ----------------------------------------------------------------

function terraform(args, cwd, input) {
  return spawnSync('terraform', args, {
    cwd, input, encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
  });
}

const VALID = {
  name: 'dreamworker-test',
  vpc_id: 'vpc-0123456789abcdef0',
  subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  container_image: 'registry.example.com/dreamworker:0.1.0',
  bundle_s3_uri: 's3://models/dreamllm/7b-v1/',
  input_bucket_names: ['job-inputs'],
  output_bucket_name: 'job-outputs',
  kafka_bootstrap_servers: 'b-1.jobs.abc123.c2.kafka.test.amazonaws.com:9098,b-2.jobs.abc123.c2.kafka.test.amazonaws.com:9098',
  msk_cluster_arn: 'arn:aws:kafka:test-region-1:123456789012:cluster/jobs/0123abcd-1234-5678-9abc-def012345678-2',
  kafka_security_group_ids: ['sg-0123456789abcdef0'],
  kafka_jobs_topics: ['dreamworker.jobs', 'dreamworker.jobs.priority'],
};

/** A root module of the module's pure files, with a stand-in for main.tf's data sources. */
function shadowModule(moduleDir) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dreamworker-tf-'));
  for (const f of ['variables.tf', 'locals.tf']) fs.copyFileSync(path.join(moduleDir, f), path.join(dir, f));
  fs.cpSync(path.join(moduleDir, 'templates'), path.join(dir, 'templates'), { recursive: true });
  fs.cpSync(path.join(moduleDir, 'files'), path.join(dir, 'files'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'context.tf'), [
    'locals {',
    '  partition = "aws"',
    '  region    = "test-region-1"',
    '  account   = "123456789012"',
    '  ami_id    = "ami-0123456789abcdef0"',
    '}',
    '',
  ].join('\n'));
  return dir;
}

/** Evaluates expr with the given variables; returns the decoded JSON, or the error text. */
function evaluate(dir, vars, expr) {
  fs.writeFileSync(path.join(dir, 'test.tfvars.json'), JSON.stringify(vars));
  const r = terraform(['console', '-no-color', '-var-file=test.tfvars.json'], dir, `base64encode(jsonencode(${expr}))\n`);
  const out = (r.stdout || '').trim();
  // A failed validation is reported as an error, yet console may still print the value.
  if (r.status !== 0 || /Error:/.test(`${r.stdout}${r.stderr}`) || !/^"[A-Za-z0-9+/=]+"$/.test(out.split('\n').pop())) {
    return { error: `${r.stdout}\n${r.stderr}`.trim() };
  }
  return { value: JSON.parse(Buffer.from(out.split('\n').pop().slice(1, -1), 'base64').toString('utf8')) };
}

async function consoleChecks(report, { root, tfRoot, moduleDir }) {
  const which = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
  if (which.error || which.status !== 0) {
    for (const name of ['fmt', 'validations', 'configuration errors', 'user data', 'scaling expression']) {
      report.skip(`terraform: ${name}`, 'no terraform binary on PATH');
    }
    return;
  }
  const version = (which.stdout.match(/Terraform v[0-9.]+/) || ['terraform'])[0];

  await report.check('terraform: fmt -check', () => {
    const r = terraform(['fmt', '-check', '-recursive', '-diff', tfRoot], root);
    assert(r.status === 0, `terraform fmt would change:\n${r.stdout}${r.stderr}`);
    return version;
  });

  const dir = shadowModule(moduleDir);
  try {
    await report.check('terraform: valid inputs pass every validation, bad ones are refused naming the variable', () => {
      const ok = evaluate(dir, VALID, 'local.configuration_errors');
      assert(!ok.error, `valid inputs were refused:\n${ok.error}`);
      assert(ok.value.length === 0, `valid inputs gave configuration errors: ${ok.value.join(' ')}`);
      const bad = [
        ['name', 'Bad_Name'], ['subnet_ids', []], ['instance_types', ['m5.large']],
        ['container_image', 'registry.example.com/dreamworker:latest'], ['bundle_s3_uri', 'https://models/x'],
        ['metrics_ingress_cidr_blocks', ['0.0.0.0/0']], ['https_egress_cidr_blocks', ['::/0']],
        ['kafka_group_id', 'group:with:colons'], ['worker_environment', { FOO: 'bar' }],
        ['worker_environment', { DREAMWORKER_X: 'two\nlines' }], ['kafka_properties', { 'sasl.jaas.config': 'x' }],
        ['lag_source', 'sqs'], ['drain_timeout_seconds', 7000], ['metrics_namespace', 'AWS/Kafka'],
        ['warm_pool', { enabled: true, pool_state: 'Frozen' }], ['msk_cluster_arn', 'arn:aws:s3:::bucket'],
      ];
      const problems = [];
      for (const [name, value] of bad) {
        const r = evaluate(dir, { ...VALID, [name]: value }, 'var.name');
        if (!r.error || !r.error.includes('Invalid value for variable') || !r.error.includes(`var.${name}`)) {
          problems.push(`${name} = ${JSON.stringify(value)} was not refused by its validation`);
        }
      }
      noProblems(problems, 'validations that let bad values through');
      return `${bad.length} bad values refused`;
    });

    await report.check('terraform: combinations that cannot work are refused with their fix', () => {
      const cases = [
        [{ lag_source: 'worker', msk_cluster_arn: null, min_size: 0 }, 'min_size >= 1'],
        [{ lag_source: 'msk', msk_cluster_arn: null }, 'needs msk_cluster_arn'],
        [{ warm_pool: { enabled: true } }, 'on_demand_percentage_above_base_capacity = 100'],
        [{ kafka_security_group_ids: [] }, 'egress to the brokers'],
        [{ min_size: 5, max_size: 2 }, 'max_size (2) is below min_size (5)'],
      ];
      const problems = [];
      for (const [vars, expected] of cases) {
        const r = evaluate(dir, { ...VALID, ...vars }, 'local.configuration_errors');
        if (r.error) problems.push(`${JSON.stringify(vars)}: ${r.error.split('\n')[0]}`);
        else if (!r.value.some((e) => e.includes(expected))) problems.push(`${JSON.stringify(vars)} should be refused with "${expected}", got ${JSON.stringify(r.value)}`);
      }
      const warm = evaluate(dir, { ...VALID, warm_pool: { enabled: true }, on_demand_percentage_above_base_capacity: 100 }, 'local.configuration_errors');
      if (warm.error || warm.value.length) problems.push(`a warm pool with on-demand only should be accepted: ${warm.error || warm.value}`);
      noProblems(problems, 'configuration checks');
      return `${cases.length} cases`;
    });

    await report.check('terraform: the rendered user data is valid bash, fits EC2\'s limit and carries the agent unchanged', () => {
      const r = evaluate(dir, { ...VALID, worker_config_yaml: 'engine:\n  max-running-sequences: 32\n' }, 'local.user_data');
      assert(!r.error, r.error);
      const userData = r.value;
      const problems = [];
      if (userData.length > 16384) problems.push(`user data is ${userData.length} bytes, EC2 takes 16384`);
      const syntax = spawnSync('bash', ['-n'], { input: userData, encoding: 'utf8' });
      if (syntax.status !== 0) problems.push(`bash -n: ${syntax.stderr}`);
      const gz = userData.match(/echo '([A-Za-z0-9+/=]+)' \| base64 -d \| gunzip/);
      if (!gz) problems.push('no gzipped agent in the user data');
      else {
        const agent = gunzipSync(Buffer.from(gz[1], 'base64')).toString('utf8');
        if (agent !== read(path.join(moduleDir, 'files/dreamworker-agent.sh'))) problems.push('the agent in the user data differs from files/dreamworker-agent.sh');
      }
      const envBlock = userData.split("cat > /etc/dreamworker/worker.env <<'DREAMWORKER_END'\n")[1].split('\nDREAMWORKER_END')[0];
      for (const line of envBlock.split('\n')) {
        const key = line.split('=')[0];
        if (key.startsWith('DREAMWORKER_') && !isKnownWorkerEnv(key)) problems.push(`worker.env sets ${key}, no key of the worker contract`);
      }
      for (const required of ['DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS=', 'DREAMWORKER_S3_OUTPUT_BUCKET=job-outputs', 'DREAMWORKER_KAFKA_PROPERTY_SASL_MECHANISM=AWS_MSK_IAM', 'DREAMWORKER_SHUTDOWN_DRAIN_TIMEOUT=120s', 'DREAMWORKER_LAG_PUBLISHER_ENABLED=false']) {
        if (!envBlock.includes(required)) problems.push(`worker.env lacks ${required}`);
      }
      if (!userData.includes('/etc/dreamworker/worker.yaml')) problems.push('worker_config_yaml is not written');
      noProblems(problems, 'user data');
      return `${userData.length} bytes`;
    });

    await report.check('terraform: the scaling expression divides the lag of every jobs topic by the instances in service', () => {
      const msk = evaluate(dir, VALID, '{ expression = local.backlog_expression, queries = local.backlog_queries, topic = "${replace(local.msk_resource_base, "RESOURCE", "topic")}/x" }');
      assert(!msk.error, msk.error);
      const problems = [];
      if (msk.value.expression !== 'IF(in_service > 0, (lag_0 + lag_1) / in_service, lag_0 + lag_1)') problems.push(`MSK expression: ${msk.value.expression}`);
      const q0 = msk.value.queries[0];
      if (q0.namespace !== 'AWS/Kafka' || q0.metric_name !== 'SumOffsetLag' || q0.dimensions['Consumer Group'] !== 'dreamworker'
        || q0.dimensions['Cluster Name'] !== 'jobs' || q0.dimensions.Topic !== 'dreamworker.jobs') problems.push(`MSK lag query: ${JSON.stringify(q0)}`);
      if (msk.value.topic !== 'arn:aws:kafka:test-region-1:123456789012:topic/jobs/0123abcd-1234-5678-9abc-def012345678-2/x') problems.push(`MSK topic ARN: ${msk.value.topic}`);
      const worker = evaluate(dir, { ...VALID, lag_source: 'worker', msk_cluster_arn: null, kafka_cidr_blocks: ['10.0.0.0/16'] }, '{ expression = local.backlog_expression, queries = local.backlog_queries, env = local.worker_environment }');
      assert(!worker.error, worker.error);
      const w0 = worker.value.queries[0];
      if (worker.value.expression !== 'IF(in_service > 0, (lag_0) / in_service, lag_0)') problems.push(`worker expression: ${worker.value.expression}`);
      if (w0.namespace !== 'Dreamworker' || w0.metric_name !== 'ConsumerLag' || w0.stat !== 'Sum' || w0.dimensions.ConsumerGroup !== 'dreamworker') problems.push(`worker lag query: ${JSON.stringify(w0)}`);
      if (worker.value.env.DREAMWORKER_LAG_PUBLISHER_ENABLED !== 'true') problems.push('lag_source = worker must turn the lag publisher on');
      if (worker.value.queries.length !== 2 || worker.value.queries[1].metric_name !== 'GroupInServiceInstances') problems.push('the divisor query is missing');
      noProblems(problems, 'scaling expression');
      return msk.value.expression;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
