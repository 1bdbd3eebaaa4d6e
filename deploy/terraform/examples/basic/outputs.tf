output "autoscaling_group_name" {
  description = "The workers' Auto Scaling group."
  value       = module.workers.autoscaling_group_name
}

output "scaling_dashboard" {
  description = "CloudWatch dashboard of the scaling signal."
  value       = module.workers.dashboard_name
}

output "log_group_name" {
  description = "CloudWatch Logs group of the workers."
  value       = module.workers.log_group_name
}

output "backlog_metric" {
  description = "What the group scales on."
  value       = module.workers.backlog_metric
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = aws_sns_topic.alarms.arn
}
