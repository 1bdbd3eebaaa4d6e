# The scaling view in CloudWatch (the workers' own metrics are in the Grafana dashboard,
# deploy/grafana): is the backlog per instance held at its target, and does capacity follow?

locals {
  # CloudWatch dashboard metric arrays: [namespace, name, dim, value, ..., {options}].
  lag_widget_metrics = [
    for q in local.lag_queries : concat(
      [q.namespace, q.metric_name],
      flatten([for k, v in q.dimensions : [k, v]]),
      [{ id = q.id, stat = q.stat, label = q.label, visible = true }],
    )
  ]
  in_service_widget_metric = [
    "AWS/AutoScaling", "GroupInServiceInstances", "AutoScalingGroupName", var.name,
    { id = "in_service", stat = "Average", label = "In service", visible = false },
  ]
  dashboard_body = {
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title  = "Backlog per instance (target ${var.target_backlog_per_instance})"
          region = local.region
          period = 60
          view   = "timeSeries"
          metrics = concat(
            [for m in local.lag_widget_metrics : concat(slice(m, 0, length(m) - 1), [merge(m[length(m) - 1], { visible = false })])],
            [local.in_service_widget_metric],
            [[{ expression = local.backlog_expression, id = "backlog", label = "Backlog per instance" }]],
          )
          annotations = {
            horizontal = [
              { label = "target", value = var.target_backlog_per_instance },
              { label = "alarm", value = var.target_backlog_per_instance * var.backlog_alarm_factor, color = "#d62728" },
            ]
          }
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title   = "Consumer lag (records)"
          region  = local.region
          period  = 60
          view    = "timeSeries"
          stacked = true
          metrics = local.lag_widget_metrics
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title  = "Instances"
          region = local.region
          period = 60
          view   = "timeSeries"
          metrics = [
            ["AWS/AutoScaling", "GroupDesiredCapacity", "AutoScalingGroupName", var.name, { label = "Desired" }],
            ["AWS/AutoScaling", "GroupInServiceInstances", "AutoScalingGroupName", var.name, { label = "In service" }],
            ["AWS/AutoScaling", "GroupPendingInstances", "AutoScalingGroupName", var.name, { label = "Pending (loading)" }],
            ["AWS/AutoScaling", "GroupTerminatingInstances", "AutoScalingGroupName", var.name, { label = "Terminating (draining)" }],
            ["AWS/AutoScaling", "WarmPoolWarmedCapacity", "AutoScalingGroupName", var.name, { label = "Warm pool" }],
          ]
        }
      },
      {
        type = "alarm", x = 12, y = 6, width = 12, height = 6
        properties = {
          title = "Alarms"
          alarms = [
            aws_cloudwatch_metric_alarm.backlog_high.arn,
            aws_cloudwatch_metric_alarm.lag_signal_missing.arn,
            aws_cloudwatch_metric_alarm.capacity_shortfall.arn,
          ]
        }
      },
    ]
  }
}

resource "aws_cloudwatch_dashboard" "scaling" {
  count          = var.create_dashboard ? 1 : 0
  dashboard_name = "${var.name}-scaling"
  dashboard_body = jsonencode(local.dashboard_body)
}
