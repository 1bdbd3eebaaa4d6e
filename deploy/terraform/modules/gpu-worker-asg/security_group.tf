# Egress only where the workers must go; ingress only for metrics scraping, when asked for.
# Traffic to the VPC's DNS resolver, instance metadata and the Time Sync Service is not filtered
# by security groups, so it needs no rule.

resource "aws_security_group" "worker" {
  name_prefix = "${var.name}-"
  description = "dreamworker GPU workers of group ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = var.name })

  # Terraform removes the default allow-all egress rule of a new group; the rules below replace it.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "https_cidr" {
  for_each          = toset(var.https_egress_cidr_blocks)
  security_group_id = aws_security_group.worker.id
  description       = "HTTPS to AWS APIs (S3, CloudWatch, Auto Scaling, ECR, STS, Logs)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
  tags              = local.tags
}

resource "aws_vpc_security_group_egress_rule" "https_prefix_list" {
  for_each          = toset(var.https_egress_prefix_list_ids)
  security_group_id = aws_security_group.worker.id
  description       = "HTTPS to a managed prefix list (such as the S3 gateway endpoint)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = each.value
  tags              = local.tags
}

resource "aws_vpc_security_group_egress_rule" "kafka_security_group" {
  for_each = {
    for pair in setproduct(var.kafka_security_group_ids, var.kafka_broker_ports) : "${pair[0]}:${pair[1]}" => pair
  }
  security_group_id            = aws_security_group.worker.id
  description                  = "Kafka brokers"
  ip_protocol                  = "tcp"
  from_port                    = each.value[1]
  to_port                      = each.value[1]
  referenced_security_group_id = each.value[0]
  tags                         = local.tags
}

resource "aws_vpc_security_group_egress_rule" "kafka_cidr" {
  for_each = {
    for pair in setproduct(var.kafka_cidr_blocks, var.kafka_broker_ports) : "${pair[0]}:${pair[1]}" => pair
  }
  security_group_id = aws_security_group.worker.id
  description       = "Kafka brokers"
  ip_protocol       = "tcp"
  from_port         = each.value[1]
  to_port           = each.value[1]
  cidr_ipv4         = each.value[0]
  tags              = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "metrics_cidr" {
  for_each          = toset(var.metrics_ingress_cidr_blocks)
  security_group_id = aws_security_group.worker.id
  description       = "Prometheus scraping /metrics"
  ip_protocol       = "tcp"
  from_port         = var.http_port
  to_port           = var.http_port
  cidr_ipv4         = each.value
  tags              = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "metrics_security_group" {
  for_each                     = toset(var.metrics_ingress_security_group_ids)
  security_group_id            = aws_security_group.worker.id
  description                  = "Prometheus scraping /metrics"
  ip_protocol                  = "tcp"
  from_port                    = var.http_port
  to_port                      = var.http_port
  referenced_security_group_id = each.value
  tags                         = local.tags
}
