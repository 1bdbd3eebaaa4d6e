terraform {
  # 1.5: strcontains() in validations; optional object attributes with defaults (1.3).
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.40: target tracking on metric math (customized_metric_specification.metrics), the
      # aws_vpc_security_group_*_rule resources and instance_refresh.preferences.max_healthy_percentage.
      version = ">= 5.40.0, < 7.0.0"
    }
  }
}
