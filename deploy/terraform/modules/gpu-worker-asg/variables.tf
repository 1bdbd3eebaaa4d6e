# ---------------------------------------------------------------------------------------------
# Naming and network
# ---------------------------------------------------------------------------------------------

variable "name" {
  description = "Name of the worker group: the Auto Scaling group, and the prefix of its role, security group, launch template, log group and alarms."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name))
    error_message = "name must be 2 to 32 lower-case letters, digits or hyphens, starting with a letter (it prefixes IAM names, which allow 38 characters before their suffix), such as \"dreamworker-prod\"."
  }
}

variable "vpc_id" {
  description = "VPC the workers run in (the security group is created there)."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC id such as vpc-0123456789abcdef0."
  }
}

variable "subnet_ids" {
  description = "Private subnets, one or more per Availability Zone, that the group spreads instances across. More zones give spot more pools to draw from."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "subnet_ids must list at least one subnet id such as subnet-0123456789abcdef0."
  }
}

variable "tags" {
  description = "Tags for every resource the module creates, and for the instances and volumes the group launches."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.tags : length(k) > 0 && length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")])
    error_message = "tags keys must be 1 to 128 characters and not start with \"aws:\"; values at most 256 characters."
  }
}

# ---------------------------------------------------------------------------------------------
# Instances
# ---------------------------------------------------------------------------------------------

variable "instance_types" {
  description = "GPU instance types the group may launch, in order of preference for on-demand (spot picks by price and capacity). Each must fit the bundle in GPU memory; list several of similar size so spot has pools to choose from."
  type        = list(string)
  default     = ["g6e.xlarge", "g6e.2xlarge", "g5.2xlarge", "g5.4xlarge"]

  validation {
    condition     = length(var.instance_types) > 0 && length(var.instance_types) <= 20 && alltrue([for t in var.instance_types : can(regex("^(g4dn|g5|g6|g6e|g6f|gr6|gr6f|g7e|p3|p3dn|p4d|p4de|p5|p5e|p5en|p6-b200|p6-b300|p6e-gb200)\\.[0-9a-z]+$", t))])
    error_message = "instance_types must list 1 to 20 x86_64 NVIDIA GPU instance types (g4dn, g5, g6, g6e, gr6, p4d, p5, p6 families), such as g6e.xlarge."
  }
}

variable "ami_ssm_parameter" {
  description = "SSM parameter holding the AMI id: an x86_64 image with the NVIDIA driver (570 or newer, for CUDA 12.8), Docker, the NVIDIA Container Toolkit and the AWS CLI. The default is AWS's Deep Learning Base OSS Nvidia Driver GPU AMI; pin a parameter of your own to control AMI roll-outs."
  type        = string
  default     = "/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-24.04/latest/ami-id"

  validation {
    condition     = startswith(var.ami_ssm_parameter, "/") && length(var.ami_ssm_parameter) <= 2048
    error_message = "ami_ssm_parameter must be a parameter name starting with \"/\", such as /aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-24.04/latest/ami-id."
  }
}

variable "root_device_name" {
  description = "Root device name of the AMI (\"/dev/sda1\" for Ubuntu images, \"/dev/xvda\" for Amazon Linux)."
  type        = string
  default     = "/dev/sda1"

  validation {
    condition     = can(regex("^/dev/(sda1|xvda|nvme0n1)$", var.root_device_name))
    error_message = "root_device_name must be /dev/sda1 (Ubuntu), /dev/xvda (Amazon Linux) or /dev/nvme0n1."
  }
}

variable "root_volume_size_gib" {
  description = "Root volume size in GiB: the AMI (about 50 GiB for the Deep Learning AMI), the image (about 10 GiB with libtorch for CUDA) and the bundle, which is fetched onto this volume."
  type        = number
  default     = 200

  validation {
    condition     = var.root_volume_size_gib >= 80 && var.root_volume_size_gib <= 16384 && floor(var.root_volume_size_gib) == var.root_volume_size_gib
    error_message = "root_volume_size_gib must be a whole number from 80 to 16384."
  }
}

variable "root_volume_throughput_mibps" {
  description = "gp3 throughput of the root volume in MiB/s. Loading a bundle of tens of GB is bound by it: 500 MiB/s reads 20 GB in about 40 s, the gp3 default of 125 in almost 3 minutes."
  type        = number
  default     = 500

  validation {
    condition     = var.root_volume_throughput_mibps >= 125 && var.root_volume_throughput_mibps <= 1000
    error_message = "root_volume_throughput_mibps must be from 125 to 1000 (gp3's range)."
  }
}

variable "root_volume_iops" {
  description = "gp3 IOPS of the root volume (at least throughput / 0.25, as gp3 requires)."
  type        = number
  default     = 3000

  validation {
    condition     = var.root_volume_iops >= 3000 && var.root_volume_iops <= 16000
    error_message = "root_volume_iops must be from 3000 to 16000 (gp3's range)."
  }
}

variable "ebs_kms_key_arn" {
  description = "KMS key that encrypts the root volume; null uses the account's default EBS key. Volumes are always encrypted."
  type        = string
  default     = null

  validation {
    condition     = var.ebs_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.ebs_kms_key_arn))
    error_message = "ebs_kms_key_arn must be null or a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)."
  }
}

# ---------------------------------------------------------------------------------------------
# Capacity
# ---------------------------------------------------------------------------------------------

variable "min_size" {
  description = "Fewest instances. With lag_source = \"worker\" at least 1: the workers publish the lag, so with none running nothing would ever scale the group out."
  type        = number
  default     = 1

  validation {
    condition     = var.min_size >= 0 && var.min_size <= 1000 && floor(var.min_size) == var.min_size
    error_message = "min_size must be a whole number from 0 to 1000."
  }
}

variable "max_size" {
  description = "Most instances. Keep it at or below the total number of partitions of the jobs topics: a worker beyond that gets no partition and idles."
  type        = number
  default     = 8

  validation {
    condition     = var.max_size >= 1 && var.max_size <= 1000 && floor(var.max_size) == var.max_size
    error_message = "max_size must be a whole number from 1 to 1000."
  }
}

variable "on_demand_base_capacity" {
  description = "Instances always bought on demand, before any spot: the floor of capacity that a spot shortage cannot take away."
  type        = number
  default     = 1

  validation {
    condition     = var.on_demand_base_capacity >= 0 && floor(var.on_demand_base_capacity) == var.on_demand_base_capacity
    error_message = "on_demand_base_capacity must be a whole number, 0 or more."
  }
}

variable "on_demand_percentage_above_base_capacity" {
  description = "Share of the instances above the base that are on demand (the rest is spot), in percent."
  type        = number
  default     = 0

  validation {
    condition     = var.on_demand_percentage_above_base_capacity >= 0 && var.on_demand_percentage_above_base_capacity <= 100
    error_message = "on_demand_percentage_above_base_capacity must be from 0 to 100."
  }
}

variable "spot_allocation_strategy" {
  description = "How spot capacity is chosen among the instance types and zones. price-capacity-optimized (AWS's recommendation) weighs interruption risk against price."
  type        = string
  default     = "price-capacity-optimized"

  validation {
    condition     = contains(["price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price"], var.spot_allocation_strategy)
    error_message = "spot_allocation_strategy must be price-capacity-optimized, capacity-optimized, capacity-optimized-prioritized or lowest-price."
  }
}

variable "capacity_rebalance" {
  description = "Launch a replacement when EC2 signals that a spot instance is at elevated risk of interruption, and drain the old one through the termination hook once the new one serves."
  type        = bool
  default     = true
  nullable    = false

  validation {
    condition     = var.capacity_rebalance == true || var.capacity_rebalance == false
    error_message = "capacity_rebalance must be true or false."
  }
}

variable "instance_warmup_seconds" {
  description = "Seconds from launch until a new instance serves (image pull, bundle fetch, model load, group join). Scaling does not count a warming instance's share, so it does not overshoot while instances start."
  type        = number
  default     = 600

  validation {
    condition     = var.instance_warmup_seconds >= 60 && var.instance_warmup_seconds <= 3600
    error_message = "instance_warmup_seconds must be from 60 to 3600."
  }
}

variable "launch_ready_timeout_seconds" {
  description = "How long the launch hook holds a new instance out of service while its worker starts; the agent releases it as soon as /readyz answers 200. A worker that gets no partition never becomes ready, so the hook then times out and lets the instance in anyway."
  type        = number
  default     = 1200

  validation {
    condition     = var.launch_ready_timeout_seconds >= 60 && var.launch_ready_timeout_seconds <= 7200
    error_message = "launch_ready_timeout_seconds must be from 60 to 7200 (the lifecycle hook's heartbeat range)."
  }
}

variable "warm_pool" {
  description = "Pre-initialised instances kept stopped, with the image pulled and the bundle fetched, so a scale-out skips the slow part of a start. Stopped instances cost only their volumes. Spot instances cannot be kept warm: the pool serves the on-demand share."
  type = object({
    enabled                     = bool
    pool_state                  = optional(string, "Stopped")
    min_size                    = optional(number, 0)
    max_group_prepared_capacity = optional(number)
    reuse_on_scale_in           = optional(bool, true)
  })
  default = { enabled = false }

  validation {
    condition     = contains(["Stopped", "Hibernated", "Running"], var.warm_pool.pool_state)
    error_message = "warm_pool.pool_state must be Stopped, Hibernated or Running."
  }
  validation {
    condition     = var.warm_pool.min_size >= 0 && (var.warm_pool.max_group_prepared_capacity == null ? true : var.warm_pool.max_group_prepared_capacity >= 0)
    error_message = "warm_pool.min_size and warm_pool.max_group_prepared_capacity must be 0 or more."
  }
}

# ---------------------------------------------------------------------------------------------
# Scaling on backlog
# ---------------------------------------------------------------------------------------------

variable "lag_source" {
  description = "Where the consumer group's lag comes from: \"msk\" (Amazon MSK's own SumOffsetLag per topic; needs msk_cluster_arn) or \"worker\" (the workers publish it to CloudWatch, for any Kafka; turns on the worker's lag publisher)."
  type        = string
  default     = "msk"

  validation {
    condition     = contains(["msk", "worker"], var.lag_source)
    error_message = "lag_source must be \"msk\" or \"worker\"."
  }
}

variable "target_backlog_per_instance" {
  description = "Jobs waiting per in-service instance that target tracking holds the group at. Choose it as one instance's throughput (jobs/s) times the queueing delay you accept (s): 0.5 jobs/s and 60 s give 30."
  type        = number
  default     = 30

  validation {
    condition     = var.target_backlog_per_instance > 0 && var.target_backlog_per_instance <= 1000000
    error_message = "target_backlog_per_instance must be more than 0 (and at most 1000000)."
  }
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the metrics the workers publish (lag-publisher.namespace); must match the worker's setting, which the module sets."
  type        = string
  default     = "Dreamworker"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/#\\- ][A-Za-z0-9._/#:\\- ]{0,254}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be 1 to 255 letters, digits, spaces or . - _ / # : (not first), and not start with AWS/."
  }
}

variable "scale_in_protection_while_busy" {
  description = "Protect an instance from scale-in while its worker holds jobs, so that scale-in picks idle workers and long interleaved jobs are not handed over mid-way. Bounded: a worker busy for max_protected_seconds without a pause loses the protection until it has been idle once, so scale-in can never stall for good."
  type = object({
    enabled               = bool
    idle_seconds          = optional(number, 120)
    max_protected_seconds = optional(number, 1800)
  })
  default = { enabled = true }

  validation {
    condition     = var.scale_in_protection_while_busy.idle_seconds >= 10 && var.scale_in_protection_while_busy.max_protected_seconds >= 60
    error_message = "scale_in_protection_while_busy.idle_seconds must be at least 10 and max_protected_seconds at least 60."
  }
}

# ---------------------------------------------------------------------------------------------
# The worker
# ---------------------------------------------------------------------------------------------

variable "container_image" {
  description = "The worker's GPU image (deploy/docker, built with VARIANT=gpu), by tag or digest, such as 123456789012.dkr.ecr.REGION.amazonaws.com/dreamworker:0.1.0. A moving tag like latest would let instances of one group run different code."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$", var.container_image)) && !endswith(var.container_image, ":latest")
    error_message = "container_image must name a registry, a repository and a tag or digest (not :latest), such as registry.example.com/dreamworker:0.1.0 or an ECR repository URL with a tag."
  }
}

variable "ecr_repository_arns" {
  description = "ECR repositories the instances may pull from (the image's repository, when it is in ECR)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.ecr_repository_arns : can(regex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/.+$", a))])
    error_message = "ecr_repository_arns must list ECR repository ARNs (arn:aws:ecr:REGION:ACCOUNT:repository/NAME)."
  }
}

variable "bundle_s3_uri" {
  description = "The model bundle's S3 prefix (a directory with bundle.json), fetched onto each instance when its worker first starts or when it enters the warm pool, such as s3://models/dreamllm/7b-v1/."
  type        = string

  validation {
    condition     = can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$", var.bundle_s3_uri))
    error_message = "bundle_s3_uri must be s3://BUCKET/PREFIX, such as s3://models/dreamllm/7b-v1/."
  }
}

variable "input_bucket_names" {
  description = "Buckets that jobs may reference input images in (s3.allowed-input-buckets); the role may read every object of these buckets and nothing else."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for b in var.input_bucket_names : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", b))])
    error_message = "input_bucket_names must list bucket names (3 to 63 lower-case letters, digits, dots or hyphens)."
  }
}

variable "output_bucket_name" {
  description = "Bucket the workers write documents and images to (s3.output-bucket)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.output_bucket_name))
    error_message = "output_bucket_name must be a bucket name (3 to 63 lower-case letters, digits, dots or hyphens)."
  }
}

variable "output_prefix" {
  description = "Key prefix of the outputs (s3.output-prefix); the role may write only under it and under extra_output_prefixes."
  type        = string
  default     = "dreamworker"

  validation {
    condition     = length(var.output_prefix) > 0 && !startswith(var.output_prefix, "/") && !endswith(var.output_prefix, "/") && !strcontains(var.output_prefix, "*")
    error_message = "output_prefix must be a non-empty S3 key prefix without a leading or trailing slash, such as dreamworker or outputs/prod."
  }
}

variable "extra_output_prefixes" {
  description = "Further key prefixes the role may write under: jobs may name their own output_prefix, which replaces the default."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.extra_output_prefixes : length(p) > 0 && !startswith(p, "/") && !endswith(p, "/") && !strcontains(p, "*")])
    error_message = "extra_output_prefixes must be non-empty key prefixes without leading or trailing slashes or wildcards."
  }
}

variable "s3_kms_key_arns" {
  description = "KMS keys of SSE-KMS encrypted buckets above (bundle, inputs, outputs); the role may use them only through S3."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.s3_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", a))])
    error_message = "s3_kms_key_arns must list KMS key ARNs (arn:aws:kms:REGION:ACCOUNT:key/ID)."
  }
}

variable "kafka_bootstrap_servers" {
  description = "Bootstrap brokers as host:port,host:port (kafka.bootstrap-servers); for MSK with IAM, the cluster's bootstrap_brokers_sasl_iam."
  type        = string

  validation {
    condition     = alltrue([for b in split(",", var.kafka_bootstrap_servers) : can(regex("^[A-Za-z0-9.-]+:[0-9]{1,5}$", trimspace(b)))])
    error_message = "kafka_bootstrap_servers must be host:port pairs separated by commas, such as b-1.jobs.abc123.c2.kafka.REGION.amazonaws.com:9098 (the MSK cluster's bootstrap_brokers_sasl_iam)."
  }
}

variable "kafka_group_id" {
  description = "The workers' consumer group (kafka.group-id); also a dimension of the lag metrics, which CloudWatch keeps only in ASCII and MSK drops for names with a colon."
  type        = string
  default     = "dreamworker"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,249}$", var.kafka_group_id))
    error_message = "kafka_group_id must be 1 to 249 ASCII letters, digits, dots, underscores or hyphens (MSK publishes no lag for groups with a colon)."
  }
}

variable "kafka_jobs_topics" {
  description = "Topics the workers consume jobs from (kafka.jobs-topics)."
  type        = list(string)
  default     = ["dreamworker.jobs"]

  validation {
    condition     = length(var.kafka_jobs_topics) > 0 && length(var.kafka_jobs_topics) <= 8 && alltrue([for t in var.kafka_jobs_topics : can(regex("^[A-Za-z0-9._-]{1,249}$", t))])
    error_message = "kafka_jobs_topics must list 1 to 8 topic names of letters, digits, dots, underscores or hyphens."
  }
}

variable "kafka_events_topic" {
  description = "Topic of the completion events (kafka.events-topic)."
  type        = string
  default     = "dreamworker.events"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,249}$", var.kafka_events_topic))
    error_message = "kafka_events_topic must be a topic name of letters, digits, dots, underscores or hyphens."
  }
}

variable "kafka_dead_letter_topic" {
  description = "Topic of the dead letters (kafka.dead-letter-topic)."
  type        = string
  default     = "dreamworker.dlq"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,249}$", var.kafka_dead_letter_topic))
    error_message = "kafka_dead_letter_topic must be a topic name of letters, digits, dots, underscores or hyphens."
  }
}

variable "kafka_transactional_id_prefix" {
  description = "Prefix of the workers' transactional ids (events and offsets are committed in one transaction); the MSK IAM policy allows exactly these ids. Null: the consumer group's name."
  type        = string
  default     = null

  validation {
    condition     = var.kafka_transactional_id_prefix == null || can(regex("^[A-Za-z0-9._-]{1,200}$", var.kafka_transactional_id_prefix))
    error_message = "kafka_transactional_id_prefix must be null or 1 to 200 letters, digits, dots, underscores or hyphens."
  }
}

variable "msk_cluster_arn" {
  description = "ARN of the MSK cluster, when the Kafka is MSK: the workers then authenticate with IAM (SASL_SSL, AWS_MSK_IAM) and the role gets exactly the topic, group and transaction permissions they need. Null for another Kafka (set its client settings in kafka_properties)."
  type        = string
  default     = null

  validation {
    condition     = var.msk_cluster_arn == null || can(regex("^arn:aws[a-z-]*:kafka:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9-]+/[0-9a-f-]+(-[0-9]+)?$", var.msk_cluster_arn))
    error_message = "msk_cluster_arn must be null or an MSK cluster ARN (arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID)."
  }
}

variable "kafka_properties" {
  description = "Extra Kafka client properties (kafka.properties), such as {\"security.protocol\" = \"SSL\"}. Not for secrets: they land in the launch template's user data."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.kafka_properties : can(regex("^[a-z0-9.]+$", k)) && !can(regex("(password|secret|jaas)", k)) && !strcontains(v, "\n")])
    error_message = "kafka_properties keys must be Kafka property names (lower-case, dots) and must not carry secrets (password, secret, jaas): use MSK IAM, or a mounted worker_config_yaml from a secret store."
  }
}

variable "kafka_broker_ports" {
  description = "Broker ports the workers connect to (9098: MSK with IAM over TLS; 9094: TLS; 9092: plaintext)."
  type        = list(number)
  default     = [9098]

  validation {
    condition     = length(var.kafka_broker_ports) > 0 && alltrue([for p in var.kafka_broker_ports : p >= 1 && p <= 65535 && floor(p) == p])
    error_message = "kafka_broker_ports must list one or more ports from 1 to 65535."
  }
}

variable "kafka_security_group_ids" {
  description = "Security groups of the brokers: egress to kafka_broker_ports is allowed to them (give this or kafka_cidr_blocks)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for g in var.kafka_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", g))])
    error_message = "kafka_security_group_ids must list security group ids such as sg-0123456789abcdef0."
  }
}

variable "kafka_cidr_blocks" {
  description = "CIDR blocks of the brokers, for a Kafka outside this VPC's security groups (give this or kafka_security_group_ids)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.kafka_cidr_blocks : can(cidrhost(c, 0)) && can(regex("^[0-9.]+/[0-9]{1,2}$", c))])
    error_message = "kafka_cidr_blocks must list IPv4 CIDR blocks such as 10.0.0.0/16."
  }
}

variable "drain_timeout_seconds" {
  description = "How long a stopping worker may finish its in-flight jobs (shutdown.drain-timeout). The termination hook holds the instance this long plus a margin; what is not finished by then is handed back and redone by another worker."
  type        = number
  default     = 120

  validation {
    condition     = var.drain_timeout_seconds >= 10 && var.drain_timeout_seconds <= 6900 && floor(var.drain_timeout_seconds) == var.drain_timeout_seconds
    error_message = "drain_timeout_seconds must be a whole number from 10 to 6900 (the termination hook allows 7200 s in all)."
  }
}

variable "worker_environment" {
  description = "Further environment of the worker's container: DREAMWORKER_* overrides of its configuration (such as DREAMWORKER_ENGINE_MAX_RUNNING_SEQUENCES = \"32\"), OMP_NUM_THREADS, DREAMWORKER_JAVA_OPTS. Not for secrets."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.worker_environment : can(regex("^(DREAMWORKER_[A-Z0-9_]+|OMP_NUM_THREADS|JAVA_TOOL_OPTIONS|AWS_[A-Z_]+)$", k)) && !can(regex("(PASSWORD|SECRET|JAAS)", k)) && !strcontains(v, "\n")])
    error_message = "worker_environment keys must be DREAMWORKER_*, OMP_NUM_THREADS, JAVA_TOOL_OPTIONS or AWS_* names without PASSWORD, SECRET or JAAS in them, and values must be single lines."
  }
}

variable "worker_config_yaml" {
  description = "A complete worker configuration file (YAML) mounted over the image's /etc/dreamworker/worker.yaml; null keeps the image's. The module's environment still overrides the keys it sets."
  type        = string
  default     = null

  validation {
    condition     = var.worker_config_yaml == null || try(length(yamldecode(var.worker_config_yaml)) > 0, false)
    error_message = "worker_config_yaml must be null or a YAML mapping of the worker's configuration keys."
  }
}

variable "http_port" {
  description = "The worker's HTTP port (http.port) for /metrics, /healthz and /readyz."
  type        = number
  default     = 8080

  validation {
    condition     = var.http_port >= 1024 && var.http_port <= 65535 && floor(var.http_port) == var.http_port
    error_message = "http_port must be a whole number from 1024 to 65535 (the image runs unprivileged)."
  }
}

# ---------------------------------------------------------------------------------------------
# Access
# ---------------------------------------------------------------------------------------------

variable "metrics_ingress_cidr_blocks" {
  description = "CIDR blocks that may reach http_port (Prometheus scraping /metrics). Empty: no ingress at all."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.metrics_ingress_cidr_blocks : can(cidrhost(c, 0)) && can(regex("^[0-9.]+/[0-9]{1,2}$", c)) && c != "0.0.0.0/0"])
    error_message = "metrics_ingress_cidr_blocks must list IPv4 CIDR blocks, and not 0.0.0.0/0: the metrics endpoint is not for the internet."
  }
}

variable "metrics_ingress_security_group_ids" {
  description = "Security groups (such as Prometheus's) that may reach http_port."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for g in var.metrics_ingress_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", g))])
    error_message = "metrics_ingress_security_group_ids must list security group ids such as sg-0123456789abcdef0."
  }
}

variable "https_egress_cidr_blocks" {
  description = "Where HTTPS (443) may go: the AWS APIs the instances call (S3, CloudWatch, Auto Scaling, ECR, STS, Logs, SSM). The default allows any address, as needed behind a NAT gateway; with VPC endpoints for all of them, give the VPC's CIDR and the S3 gateway's prefix list instead."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for c in var.https_egress_cidr_blocks : can(cidrhost(c, 0)) && can(regex("^[0-9.]+/[0-9]{1,2}$", c))])
    error_message = "https_egress_cidr_blocks must list IPv4 CIDR blocks such as 10.0.0.0/16."
  }
}

variable "https_egress_prefix_list_ids" {
  description = "Managed prefix lists HTTPS may go to, such as the S3 gateway endpoint's (pl-...)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.https_egress_prefix_list_ids : can(regex("^pl-[0-9a-f]{8,17}$", p))])
    error_message = "https_egress_prefix_list_ids must list prefix list ids such as pl-6ea54007."
  }
}

variable "enable_ssm_session_manager" {
  description = "Attach AmazonSSMManagedInstanceCore so operators can open shells through Session Manager (no SSH, no inbound port)."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = var.enable_ssm_session_manager == true || var.enable_ssm_session_manager == false
    error_message = "enable_ssm_session_manager must be true or false."
  }
}

# ---------------------------------------------------------------------------------------------
# Observability
# ---------------------------------------------------------------------------------------------

variable "log_retention_days" {
  description = "Retention of the workers' container logs in CloudWatch Logs, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "alarm_actions" {
  description = "SNS topics (or other alarm actions) notified when an alarm fires and when it clears."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.alarm_actions : can(regex("^arn:aws[a-z-]*:", a))])
    error_message = "alarm_actions must list ARNs, such as arn:aws:sns:REGION:ACCOUNT:TOPIC."
  }
}

variable "backlog_alarm_factor" {
  description = "The backlog alarm fires when the backlog per instance stays above target_backlog_per_instance times this factor for backlog_alarm_minutes: the fleet is at its maximum or cannot get capacity."
  type        = number
  default     = 3

  validation {
    condition     = var.backlog_alarm_factor > 1
    error_message = "backlog_alarm_factor must be more than 1 (at 1 it would fire whenever scaling is merely catching up)."
  }
}

variable "backlog_alarm_minutes" {
  description = "Minutes the backlog must stay high before the backlog alarm fires."
  type        = number
  default     = 15

  validation {
    condition     = var.backlog_alarm_minutes >= 3 && var.backlog_alarm_minutes <= 1440 && floor(var.backlog_alarm_minutes) == var.backlog_alarm_minutes
    error_message = "backlog_alarm_minutes must be a whole number from 3 to 1440."
  }
}

variable "create_dashboard" {
  description = "Create a CloudWatch dashboard of the scaling signal: lag, backlog per instance against its target, instances in service, desired and warming."
  type        = bool
  default     = true
  nullable    = false

  validation {
    condition     = var.create_dashboard == true || var.create_dashboard == false
    error_message = "create_dashboard must be true or false."
  }
}
