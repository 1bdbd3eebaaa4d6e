# Alarms that need a person: the fleet cannot keep up, the scaling signal is gone, or capacity
# cannot be had. Each notifies alarm_actions when it fires and when it clears.

resource "aws_cloudwatch_metric_alarm" "backlog_high" {
  alarm_name          = "${var.name}-backlog-high"
  alarm_description   = "Backlog per instance above ${var.backlog_alarm_factor}x the target (${var.target_backlog_per_instance}) for ${var.backlog_alarm_minutes} min: the group is at max_size (${var.max_size}), cannot get capacity, or the workers are stuck. Check the group's activity history and the workers' logs (${local.log_group_name})."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.target_backlog_per_instance * var.backlog_alarm_factor
  evaluation_periods  = var.backlog_alarm_minutes
  datapoints_to_alarm = var.backlog_alarm_minutes
  # No data (a rebalance under MSK) keeps the alarm where it is.
  treat_missing_data = "missing"
  alarm_actions      = local.alarm_actions
  ok_actions         = local.alarm_actions
  tags               = local.tags

  dynamic "metric_query" {
    for_each = local.backlog_queries
    content {
      id    = metric_query.value.id
      label = metric_query.value.label
      metric {
        namespace   = metric_query.value.namespace
        metric_name = metric_query.value.metric_name
        stat        = metric_query.value.stat
        period      = local.worker_lag_metric.period_seconds
        dimensions  = metric_query.value.dimensions
      }
    }
  }
  metric_query {
    id          = "backlog"
    label       = "Backlog per instance in service"
    expression  = local.backlog_expression
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "lag_signal_missing" {
  alarm_name          = "${var.name}-lag-signal-missing"
  alarm_description   = "No lag data for 15 min (${local.lag_signal_query.namespace} ${local.lag_signal_query.metric_name}): scaling is blind. With lag_source = worker, check the workers' lag publisher (cloudwatch:PutMetricData, HTTPS egress); with MSK, a group that never settles after rebalances, or that has not committed an offset yet."
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  evaluation_periods  = 15
  datapoints_to_alarm = 15
  namespace           = local.lag_signal_query.namespace
  metric_name         = local.lag_signal_query.metric_name
  dimensions          = local.lag_signal_query.dimensions
  statistic           = "SampleCount"
  period              = local.worker_lag_metric.period_seconds
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "capacity_shortfall" {
  alarm_name          = "${var.name}-capacity-shortfall"
  alarm_description   = "Fewer instances in service than desired for ${local.shortfall_minutes} min: EC2 cannot supply the GPU types (add instance types or zones, raise on-demand), or new workers fail to start (check ${local.log_group_name} and the agent's journal)."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = local.shortfall_minutes
  datapoints_to_alarm = local.shortfall_minutes
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags

  metric_query {
    id = "desired"
    metric {
      namespace   = "AWS/AutoScaling"
      metric_name = "GroupDesiredCapacity"
      stat        = "Average"
      period      = 60
      dimensions  = { AutoScalingGroupName = aws_autoscaling_group.workers.name }
    }
  }
  metric_query {
    id = "in_service"
    metric {
      namespace   = "AWS/AutoScaling"
      metric_name = "GroupInServiceInstances"
      stat        = "Average"
      period      = 60
      dimensions  = { AutoScalingGroupName = aws_autoscaling_group.workers.name }
    }
  }
  metric_query {
    id          = "shortfall"
    label       = "Desired minus in service"
    expression  = "desired - in_service"
    return_data = true
  }
}
