# The GPU worker group on an existing VPC, MSK cluster and buckets: nothing here creates
# networking, Kafka or storage, it looks them up and wires the module to them.

data "aws_subnets" "private" {
  filter {
    name   = "vpc-id"
    values = [var.vpc_id]
  }
  filter {
    name   = "tag:${var.private_subnet_tag.key}"
    values = [var.private_subnet_tag.value]
  }
}

data "aws_msk_cluster" "jobs" {
  cluster_name = var.msk_cluster_name
}

data "aws_ecr_repository" "worker" {
  name = var.ecr_repository_name
}

# Looked up so that a misspelt bucket fails the plan instead of the first job.
data "aws_s3_bucket" "outputs" {
  bucket = var.output_bucket_name
}

data "aws_s3_bucket" "inputs" {
  for_each = toset(var.input_bucket_names)
  bucket   = each.value
}

resource "aws_sns_topic" "alarms" {
  name = "${var.name}-alarms"
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count     = var.alarm_email == null ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

module "workers" {
  source = "../../modules/gpu-worker-asg"

  name       = var.name
  vpc_id     = var.vpc_id
  subnet_ids = data.aws_subnets.private.ids

  container_image     = "${data.aws_ecr_repository.worker.repository_url}:${var.image_tag}"
  ecr_repository_arns = [data.aws_ecr_repository.worker.arn]

  bundle_s3_uri      = var.bundle_s3_uri
  input_bucket_names = [for b in data.aws_s3_bucket.inputs : b.bucket]
  output_bucket_name = data.aws_s3_bucket.outputs.bucket

  kafka_bootstrap_servers  = data.aws_msk_cluster.jobs.bootstrap_brokers_sasl_iam
  msk_cluster_arn          = data.aws_msk_cluster.jobs.arn
  kafka_security_group_ids = [var.msk_security_group_id]
  lag_source               = "msk"

  # One on-demand instance always, spot above it; start warm-pool-free (see the module's README).
  min_size                                 = 1
  max_size                                 = var.max_size
  on_demand_base_capacity                  = 1
  on_demand_percentage_above_base_capacity = 0

  alarm_actions = [aws_sns_topic.alarms.arn]
  tags          = var.tags
}

# The brokers accept the workers on the IAM port.
resource "aws_vpc_security_group_ingress_rule" "msk_from_workers" {
  security_group_id            = var.msk_security_group_id
  description                  = "dreamworker workers (${var.name}) to MSK with IAM"
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  referenced_security_group_id = module.workers.security_group_id
}
