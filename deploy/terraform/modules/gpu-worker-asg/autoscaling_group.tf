resource "aws_autoscaling_group" "workers" {
  name                = var.name
  vpc_zone_identifier = var.subnet_ids
  min_size            = var.min_size
  max_size            = var.max_size

  # Spot capacity is rebalanced before interruptions; a warm pool is on-demand only.
  capacity_rebalance        = var.capacity_rebalance && !local.warm_pool
  default_instance_warmup   = var.instance_warmup_seconds
  health_check_type         = "EC2"
  health_check_grace_period = var.instance_warmup_seconds
  # Instances start unprotected; the agent protects a busy one (scale_in_protection_while_busy).
  protect_from_scale_in = false
  enabled_metrics       = local.group_metrics
  metrics_granularity   = "1Minute"

  dynamic "mixed_instances_policy" {
    for_each = local.warm_pool ? [] : [1]
    content {
      instances_distribution {
        on_demand_allocation_strategy            = "prioritized"
        on_demand_base_capacity                  = var.on_demand_base_capacity
        on_demand_percentage_above_base_capacity = var.on_demand_percentage_above_base_capacity
        spot_allocation_strategy                 = var.spot_allocation_strategy
      }
      launch_template {
        launch_template_specification {
          launch_template_id = aws_launch_template.worker.id
          version            = "$Latest"
        }
        dynamic "override" {
          for_each = var.instance_types
          content {
            instance_type = override.value
          }
        }
      }
    }
  }

  dynamic "launch_template" {
    for_each = local.warm_pool ? [1] : []
    content {
      id      = aws_launch_template.worker.id
      version = "$Latest"
    }
  }

  dynamic "warm_pool" {
    for_each = local.warm_pool ? [1] : []
    content {
      pool_state                  = var.warm_pool.pool_state
      min_size                    = var.warm_pool.min_size
      max_group_prepared_capacity = var.warm_pool.max_group_prepared_capacity
      instance_reuse_policy {
        reuse_on_scale_in = var.warm_pool.reuse_on_scale_in
      }
    }
  }

  # A new launch template version (image, AMI, configuration) rolls through the group; old
  # instances leave through the termination hook, so each worker drains first.
  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage       = 90
      max_healthy_percentage       = 110
      instance_warmup              = var.instance_warmup_seconds
      skip_matching                = true
      scale_in_protected_instances = "Refresh"
    }
  }

  dynamic "tag" {
    for_each = merge(local.tags, { Name = var.name })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  lifecycle {
    # Target tracking owns the desired capacity.
    ignore_changes = [desired_capacity]

    precondition {
      condition     = length(local.configuration_errors) == 0
      error_message = "The inputs do not fit together: ${join(" ", local.configuration_errors)}"
    }
  }

  # Instances need the role's permissions (lifecycle, Kafka, S3) from their first minute.
  depends_on = [aws_iam_role_policy.worker]
}

# The launch hook holds a new instance out of service until its worker answers /readyz (or the
# timeout passes), so GroupInServiceInstances, the divisor of the scaling math, counts only
# instances that serve. In a warm pool it gives the agent time to pull the image and fetch the
# bundle before the instance is stopped.
resource "aws_autoscaling_lifecycle_hook" "ready" {
  name                   = local.lifecycle_hook_names.launch
  autoscaling_group_name = aws_autoscaling_group.workers.name
  lifecycle_transition   = "autoscaling:EC2_INSTANCE_LAUNCHING"
  heartbeat_timeout      = var.launch_ready_timeout_seconds
  default_result         = "CONTINUE"
}

# The termination hook holds a leaving instance while its worker drains (SIGTERM: stop fetching,
# finish or hand back in-flight jobs, commit, leave the group). The agent completes it as soon
# as the container has stopped; the timeout is the drain deadline plus a margin.
resource "aws_autoscaling_lifecycle_hook" "drain" {
  name                   = local.lifecycle_hook_names.terminate
  autoscaling_group_name = aws_autoscaling_group.workers.name
  lifecycle_transition   = "autoscaling:EC2_INSTANCE_TERMINATING"
  heartbeat_timeout      = local.terminate_heartbeat_seconds
  default_result         = "CONTINUE"
}
