terraform {
  # 1.5: `check` blocks and the validation functions used below; optional object attributes.
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.30: target tracking on metric math (customized_metric_specification.metrics) and the
      # aws_vpc_security_group_*_rule resources.
      version = ">= 5.30.0, < 7.0.0"
    }
  }
}
