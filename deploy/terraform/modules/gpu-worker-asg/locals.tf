# Every value the resources derive from the inputs and the context (main.tf). Pure: no resource or
# data source is referenced here, so deploy/checks evaluates this file offline with `terraform
# console` against a stand-in context, and checks what it yields (the user data, the scaling
# expression, the worker's environment, the configuration errors).

locals {
  tags = merge(var.tags, { "dreamworker:group" = var.name })

  # The bundle: s3://BUCKET/PREFIX -> bucket and key prefix.
  bundle_location = regex("^s3://([^/]+)/?(.*)$", var.bundle_s3_uri)
  bundle_bucket   = local.bundle_location[0]
  bundle_prefix   = local.bundle_location[1]

  output_prefixes = distinct(concat([var.output_prefix], var.extra_output_prefixes))

  # MSK: arn:PARTITION:kafka:REGION:ACCOUNT:cluster/NAME/UUID. Topic, group and transactional-id
  # resources share the cluster's NAME/UUID, under their own resource type.
  msk                   = var.msk_cluster_arn != null
  msk_cluster_name      = local.msk ? split("/", var.msk_cluster_arn)[1] : null
  msk_resource_base     = local.msk ? replace(var.msk_cluster_arn, ":cluster/", ":RESOURCE/") : null
  transactional_id_base = coalesce(var.kafka_transactional_id_prefix, var.kafka_group_id)

  # The names of the worker's own lag metrics: io.dreamworker.worker.lag.LagMetrics, kept in step
  # by deploy/checks.
  worker_lag_metric = {
    consumer_lag     = "ConsumerLag"
    jobs_in_flight   = "JobsInFlight"
    group_dimension  = "ConsumerGroup"
    topic_dimension  = "Topic"
    period_seconds   = 60
    publish_interval = "60s"
  }
  # MSK's consumer-lag metric: the sum over a topic's partitions, per consumer group and topic.
  msk_lag_metric = {
    namespace         = "AWS/Kafka"
    name              = "SumOffsetLag"
    cluster_dimension = "Cluster Name"
    group_dimension   = "Consumer Group"
    topic_dimension   = "Topic"
  }

  lifecycle_hook_names = {
    launch    = "${var.name}-ready"
    terminate = "${var.name}-drain"
  }
  # The worker's drain, then committing and leaving the group, then a margin for the agent's poll
  # and the API call that releases the instance.
  stop_grace_seconds          = 20
  terminate_heartbeat_seconds = min(7200, var.drain_timeout_seconds + local.stop_grace_seconds + 60)

  log_group_name = "/dreamworker/${var.name}"

  # The worker's configuration, as the environment variables of the worker contract.
  kafka_msk_iam_properties = local.msk ? {
    DREAMWORKER_KAFKA_PROPERTY_SECURITY_PROTOCOL                  = "SASL_SSL"
    DREAMWORKER_KAFKA_PROPERTY_SASL_MECHANISM                     = "AWS_MSK_IAM"
    DREAMWORKER_KAFKA_PROPERTY_SASL_JAAS_CONFIG                   = "software.amazon.msk.auth.iam.IAMLoginModule required;"
    DREAMWORKER_KAFKA_PROPERTY_SASL_CLIENT_CALLBACK_HANDLER_CLASS = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
  } : {}
  kafka_extra_properties = {
    for k, v in var.kafka_properties : "DREAMWORKER_KAFKA_PROPERTY_${upper(replace(k, ".", "_"))}" => v
  }
  worker_environment = merge(
    {
      DREAMWORKER_BUNDLE_PATH             = "/models/bundle"
      DREAMWORKER_BUNDLE_DEVICE           = "auto"
      DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS = var.kafka_bootstrap_servers
      DREAMWORKER_KAFKA_GROUP_ID          = var.kafka_group_id
      DREAMWORKER_KAFKA_JOBS_TOPICS       = join(",", var.kafka_jobs_topics)
      DREAMWORKER_KAFKA_EVENTS_TOPIC      = var.kafka_events_topic
      DREAMWORKER_KAFKA_DEAD_LETTER_TOPIC = var.kafka_dead_letter_topic
      # Each worker's transactional id is this prefix, a hyphen and its instance's host name; the MSK
      # IAM policy allows exactly the ids that start with it.
      DREAMWORKER_KAFKA_TRANSACTIONAL_ID_PREFIX = local.transactional_id_base
      DREAMWORKER_S3_REGION                     = local.region
      DREAMWORKER_S3_OUTPUT_BUCKET              = var.output_bucket_name
      DREAMWORKER_S3_OUTPUT_PREFIX              = var.output_prefix
      DREAMWORKER_S3_ALLOWED_INPUT_BUCKETS      = join(",", var.input_bucket_names)
      DREAMWORKER_HTTP_HOST                     = "0.0.0.0"
      DREAMWORKER_HTTP_PORT                     = tostring(var.http_port)
      DREAMWORKER_SHUTDOWN_DRAIN_TIMEOUT        = "${var.drain_timeout_seconds}s"
      DREAMWORKER_LAG_PUBLISHER_ENABLED         = tostring(var.lag_source == "worker")
      DREAMWORKER_LAG_PUBLISHER_NAMESPACE       = var.metrics_namespace
      DREAMWORKER_LAG_PUBLISHER_INTERVAL        = local.worker_lag_metric.publish_interval
      DREAMWORKER_LAG_PUBLISHER_REGION          = local.region
      AWS_REGION                                = local.region
    },
    local.kafka_msk_iam_properties,
    local.kafka_extra_properties,
    var.worker_environment,
  )

  agent_environment = {
    ASG_NAME             = var.name
    AWS_REGION           = local.region
    IMAGE                = var.container_image
    LAUNCH_HOOK          = local.lifecycle_hook_names.launch
    TERMINATE_HOOK       = local.lifecycle_hook_names.terminate
    BUNDLE_S3_URI        = var.bundle_s3_uri
    BUNDLE_HOST_DIR      = "/var/lib/dreamworker/bundle"
    WORKER_ENV_FILE      = "/etc/dreamworker/worker.env"
    WORKER_CONFIG_FILE   = var.worker_config_yaml == null ? "" : "/etc/dreamworker/worker.yaml"
    HTTP_PORT            = tostring(var.http_port)
    DRAIN_SECONDS        = tostring(var.drain_timeout_seconds)
    STOP_GRACE_SECONDS   = tostring(local.stop_grace_seconds)
    LOG_GROUP            = local.log_group_name
    PROTECT_WHILE_BUSY   = tostring(var.scale_in_protection_while_busy.enabled)
    PROTECT_IDLE_SECONDS = tostring(var.scale_in_protection_while_busy.idle_seconds)
    PROTECT_MAX_SECONDS  = tostring(var.scale_in_protection_while_busy.max_protected_seconds)
  }
}

# The group.
locals {
  warm_pool = var.warm_pool.enabled

  # Group metrics at one-minute granularity: the scaling math divides by GroupInServiceInstances.
  group_metrics = [
    "GroupMinSize",
    "GroupMaxSize",
    "GroupDesiredCapacity",
    "GroupInServiceInstances",
    "GroupPendingInstances",
    "GroupTerminatingInstances",
    "GroupTotalInstances",
    "GroupInServiceCapacity",
    "GroupAndWarmPoolDesiredCapacity",
    "WarmPoolWarmedCapacity",
    "WarmPoolPendingCapacity",
  ]
}

# The scaling signal (see scaling.tf).
locals {
  lag_queries = var.lag_source == "msk" ? [
    for i, topic in var.kafka_jobs_topics : {
      id          = "lag_${i}"
      label       = "Lag of ${topic}"
      namespace   = local.msk_lag_metric.namespace
      metric_name = local.msk_lag_metric.name
      # MSK publishes one value per topic and minute: the sum over its partitions.
      stat = "Maximum"
      dimensions = {
        (local.msk_lag_metric.cluster_dimension) = local.msk_cluster_name
        (local.msk_lag_metric.group_dimension)   = var.kafka_group_id
        (local.msk_lag_metric.topic_dimension)   = topic
      }
    }
    ] : [
    {
      id          = "lag_0"
      label       = "Lag of group ${var.kafka_group_id}"
      namespace   = var.metrics_namespace
      metric_name = local.worker_lag_metric.consumer_lag
      # Each worker's share, added up.
      stat = "Sum"
      dimensions = {
        (local.worker_lag_metric.group_dimension) = var.kafka_group_id
      }
    }
  ]
  in_service_query = {
    id          = "in_service"
    label       = "Instances in service"
    namespace   = "AWS/AutoScaling"
    metric_name = "GroupInServiceInstances"
    stat        = "Average"
    dimensions  = { AutoScalingGroupName = var.name }
  }
  lag_sum            = join(" + ", [for q in local.lag_queries : q.id])
  backlog_expression = "IF(in_service > 0, (${local.lag_sum}) / in_service, ${local.lag_sum})"
  backlog_queries    = concat(local.lag_queries, [local.in_service_query])
}

# Alarms.
locals {
  alarm_actions = var.alarm_actions
  # New instances stay out of service while they load (launch hook): only a shortfall longer than
  # that is a problem.
  shortfall_minutes = max(15, ceil(var.launch_ready_timeout_seconds / 60) + 5)
  lag_signal_query  = local.lag_queries[0]
}

# The launch template's user data (templates/user-data.sh.tftpl), before base64.
locals {
  user_data = templatefile("${path.module}/templates/user-data.sh.tftpl", {
    name                      = var.name
    worker_environment        = local.worker_environment
    agent_environment         = local.agent_environment
    worker_config_yaml_base64 = var.worker_config_yaml == null ? "" : base64encode(var.worker_config_yaml)
    agent_script_base64gzip   = base64gzip(file("${path.module}/files/dreamworker-agent.sh"))
  })
}

# Combinations of inputs that cannot work; the group's precondition lists every one that applies,
# each with its fix.
locals {
  configuration_errors = compact([
    var.max_size >= var.min_size ? "" : "max_size (${var.max_size}) is below min_size (${var.min_size}): raise max_size or lower min_size.",
    var.lag_source != "worker" || var.min_size >= 1 ? "" : "lag_source = \"worker\" needs min_size >= 1: the workers publish the lag, so a group at zero would never see a backlog. Set min_size = 1, or use lag_source = \"msk\".",
    var.lag_source != "msk" || var.msk_cluster_arn != null ? "" : "lag_source = \"msk\" needs msk_cluster_arn (the lag metrics are the cluster's). Set msk_cluster_arn, or use lag_source = \"worker\" for a Kafka that is not MSK.",
    !local.warm_pool || var.on_demand_percentage_above_base_capacity == 100 ? "" : "a warm pool needs a group of one on-demand instance type (EC2 keeps no spot or mixed-instances group warm): with warm_pool.enabled, set on_demand_percentage_above_base_capacity = 100; the group then launches instance_types[0] only.",
    length(var.kafka_security_group_ids) + length(var.kafka_cidr_blocks) > 0 ? "" : "the workers need egress to the brokers: set kafka_security_group_ids (MSK's security group) or kafka_cidr_blocks.",
    length(local.user_data) <= 16384 ? "" : "the user data is ${length(local.user_data)} bytes, over EC2's 16384: shorten worker_config_yaml or worker_environment.",
  ])
}
