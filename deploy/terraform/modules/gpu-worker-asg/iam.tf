# The instances' role: least privilege for exactly what the worker and the agent do.

data "aws_iam_policy_document" "assume_by_ec2" {
  statement {
    sid     = "Ec2AssumesTheWorkerRole"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "worker" {
  name_prefix        = "${var.name}-"
  description        = "dreamworker GPU workers of group ${var.name}: read the bundle and inputs, write outputs, Kafka, lag metrics, lifecycle."
  assume_role_policy = data.aws_iam_policy_document.assume_by_ec2.json
  tags               = local.tags
}

resource "aws_iam_instance_profile" "worker" {
  name_prefix = "${var.name}-"
  role        = aws_iam_role.worker.name
  tags        = local.tags
}

data "aws_iam_policy_document" "worker" {
  # The bundle: its prefix only; listing is needed to fetch a directory.
  statement {
    sid       = "ReadTheBundle"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${local.bundle_bucket}/${local.bundle_prefix}*"]
  }
  statement {
    sid       = "ListTheBundle"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${local.bundle_bucket}"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.bundle_prefix}*"]
    }
  }

  # Input images: only the buckets the worker itself accepts (s3.allowed-input-buckets).
  dynamic "statement" {
    for_each = length(var.input_bucket_names) > 0 ? [1] : []
    content {
      sid       = "ReadJobInputs"
      actions   = ["s3:GetObject"]
      resources = [for b in var.input_bucket_names : "arn:${local.partition}:s3:::${b}/*"]
    }
  }

  # Outputs: writing under the output prefixes, nothing else (no reads, no deletes).
  statement {
    sid       = "WriteJobOutputs"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
    resources = [for p in local.output_prefixes : "arn:${local.partition}:s3:::${var.output_bucket_name}/${p}/*"]
  }

  dynamic "statement" {
    for_each = length(var.s3_kms_key_arns) > 0 ? [1] : []
    content {
      sid       = "UseBucketKeysThroughS3Only"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = var.s3_kms_key_arns
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${local.region}.amazonaws.com"]
      }
    }
  }

  # MSK with IAM: connect; read the jobs topics; write events and dead letters; the consumer
  # group; the transactional ids that commit events and offsets together.
  dynamic "statement" {
    for_each = local.msk ? [1] : []
    content {
      sid       = "ConnectToTheCluster"
      actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"]
      resources = [var.msk_cluster_arn]
    }
  }
  dynamic "statement" {
    for_each = local.msk ? [1] : []
    content {
      sid       = "ConsumeJobs"
      actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
      resources = [for t in var.kafka_jobs_topics : "${replace(local.msk_resource_base, "RESOURCE", "topic")}/${t}"]
    }
  }
  dynamic "statement" {
    for_each = local.msk ? [1] : []
    content {
      sid     = "PublishEventsAndDeadLetters"
      actions = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
      resources = [
        "${replace(local.msk_resource_base, "RESOURCE", "topic")}/${var.kafka_events_topic}",
        "${replace(local.msk_resource_base, "RESOURCE", "topic")}/${var.kafka_dead_letter_topic}",
      ]
    }
  }
  dynamic "statement" {
    for_each = local.msk ? [1] : []
    content {
      sid       = "JoinTheConsumerGroup"
      actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
      resources = ["${replace(local.msk_resource_base, "RESOURCE", "group")}/${var.kafka_group_id}"]
    }
  }
  dynamic "statement" {
    for_each = local.msk ? [1] : []
    content {
      sid       = "CommitTransactionally"
      actions   = ["kafka-cluster:AlterTransactionalId", "kafka-cluster:DescribeTransactionalId"]
      resources = ["${replace(local.msk_resource_base, "RESOURCE", "transactional-id")}/${local.transactional_id_base}*"]
    }
  }

  # The lag publisher: its own namespace only.
  dynamic "statement" {
    for_each = var.lag_source == "worker" ? [1] : []
    content {
      sid       = "PublishLagMetrics"
      actions   = ["cloudwatch:PutMetricData"]
      resources = ["*"] # PutMetricData has no resource types; the namespace condition scopes it
      condition {
        test     = "StringEquals"
        variable = "cloudwatch:namespace"
        values   = [var.metrics_namespace]
      }
    }
  }

  # The agent: lifecycle hooks and scale-in protection of its own group only.
  statement {
    sid = "ManageOwnLifecycle"
    actions = [
      "autoscaling:CompleteLifecycleAction",
      "autoscaling:RecordLifecycleActionHeartbeat",
      "autoscaling:SetInstanceProtection",
    ]
    resources = ["arn:${local.partition}:autoscaling:${local.region}:${local.account}:autoScalingGroup:*:autoScalingGroupName/${var.name}"]
  }

  # Container logs (Docker's awslogs driver) into the group's log group.
  statement {
    sid       = "WriteContainerLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.workers.arn}:*"]
  }

  dynamic "statement" {
    for_each = length(var.ecr_repository_arns) > 0 ? [1] : []
    content {
      sid       = "PullTheImageToken"
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"] # the token is account-wide; the pull below is per repository
    }
  }
  dynamic "statement" {
    for_each = length(var.ecr_repository_arns) > 0 ? [1] : []
    content {
      sid       = "PullTheImage"
      actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
      resources = var.ecr_repository_arns
    }
  }
}

resource "aws_iam_role_policy" "worker" {
  name   = "dreamworker-worker"
  role   = aws_iam_role.worker.id
  policy = data.aws_iam_policy_document.worker.json
}

resource "aws_iam_role_policy_attachment" "ssm" {
  count      = var.enable_ssm_session_manager ? 1 : 0
  role       = aws_iam_role.worker.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_cloudwatch_log_group" "workers" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  tags              = local.tags
}
