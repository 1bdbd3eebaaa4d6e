output "autoscaling_group_name" {
  description = "Name of the Auto Scaling group."
  value       = aws_autoscaling_group.workers.name
}

output "autoscaling_group_arn" {
  description = "ARN of the Auto Scaling group."
  value       = aws_autoscaling_group.workers.arn
}

output "launch_template_id" {
  description = "Id of the launch template."
  value       = aws_launch_template.worker.id
}

output "launch_template_latest_version" {
  description = "Latest version of the launch template (each configuration change makes one, and the instance refresh rolls it out)."
  value       = aws_launch_template.worker.latest_version
}

output "iam_role_name" {
  description = "Name of the instances' IAM role, for attaching further policies."
  value       = aws_iam_role.worker.name
}

output "iam_role_arn" {
  description = "ARN of the instances' IAM role (for bucket, key or MSK resource policies that name it)."
  value       = aws_iam_role.worker.arn
}

output "instance_profile_arn" {
  description = "ARN of the instance profile."
  value       = aws_iam_instance_profile.worker.arn
}

output "security_group_id" {
  description = "Id of the workers' security group (allow it on the brokers' security group, ingress on the Kafka port)."
  value       = aws_security_group.worker.id
}

output "scaling_policy_arn" {
  description = "ARN of the target tracking policy on backlog per instance."
  value       = aws_autoscaling_policy.backlog_per_instance.arn
}

output "lifecycle_hook_names" {
  description = "Names of the launch (ready) and termination (drain) lifecycle hooks."
  value       = local.lifecycle_hook_names
}

output "alarm_arns" {
  description = "ARNs of the alarms, by name: backlog_high, lag_signal_missing, capacity_shortfall."
  value = {
    backlog_high       = aws_cloudwatch_metric_alarm.backlog_high.arn
    lag_signal_missing = aws_cloudwatch_metric_alarm.lag_signal_missing.arn
    capacity_shortfall = aws_cloudwatch_metric_alarm.capacity_shortfall.arn
  }
}

output "log_group_name" {
  description = "CloudWatch Logs group of the workers' container logs (one stream per instance id)."
  value       = aws_cloudwatch_log_group.workers.name
}

output "dashboard_name" {
  description = "Name of the CloudWatch scaling dashboard, or null when create_dashboard is false."
  value       = var.create_dashboard ? aws_cloudwatch_dashboard.scaling[0].dashboard_name : null
}

output "backlog_metric" {
  description = "The scaling signal: the metrics it reads and the expression (for your own dashboards and alarms)."
  value = {
    lag_source = var.lag_source
    queries    = local.backlog_queries
    expression = local.backlog_expression
    target     = var.target_backlog_per_instance
  }
}

output "worker_environment" {
  description = "The worker's environment as the instances receive it (configuration, no secrets): what to reproduce a worker's setup from."
  value       = local.worker_environment
}
