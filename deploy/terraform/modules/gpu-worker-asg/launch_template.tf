resource "aws_launch_template" "worker" {
  name_prefix            = "${var.name}-"
  description            = "dreamworker GPU worker of group ${var.name}"
  image_id               = local.ami_id
  update_default_version = true
  # A warm pool cannot serve a mixed-instances group, so then the type is fixed here.
  instance_type          = local.warm_pool ? var.instance_types[0] : null
  vpc_security_group_ids = [aws_security_group.worker.id]

  iam_instance_profile {
    arn = aws_iam_instance_profile.worker.arn
  }

  user_data = base64encode(local.user_data)

  # IMDSv2 only; one hop: the container shares the host's network, so it still reaches metadata.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = var.root_device_name
    ebs {
      volume_type           = "gp3"
      volume_size           = var.root_volume_size_gib
      throughput            = var.root_volume_throughput_mibps
      iops                  = var.root_volume_iops
      encrypted             = true
      kms_key_id            = var.ebs_kms_key_arn
      delete_on_termination = true
    }
  }

  dynamic "hibernation_options" {
    for_each = local.warm_pool && var.warm_pool.pool_state == "Hibernated" ? [1] : []
    content {
      configured = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = var.name })
  }
  tag_specifications {
    resource_type = "volume"
    tags          = merge(local.tags, { Name = var.name })
  }

  tags = local.tags

  lifecycle {
    create_before_destroy = true
  }
}
