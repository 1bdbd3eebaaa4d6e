# Target tracking on backlog per instance: the consumer group's lag divided by the instances in
# service, held at target_backlog_per_instance. Scale-out follows a rising backlog within minutes;
# scale-in waits for a sustained low one (target tracking removes capacity conservatively).
#
# The lag is either MSK's SumOffsetLag per jobs topic (lag_source = "msk") or the workers' own
# ConsumerLag (lag_source = "worker"; each worker publishes its partitions' share once a minute,
# and the Sum statistic adds the shares up). While a group rebalances MSK publishes no lag; the
# expression then has no data point, target tracking takes no action, and the fleet keeps its
# size until the group is stable again. With no instance in service the backlog is the whole lag,
# so a group at zero still scales out (MSK only: with lag_source = "worker" min_size is at least 1).

resource "aws_autoscaling_policy" "backlog_per_instance" {
  name                      = "${var.name}-backlog-per-instance"
  autoscaling_group_name    = aws_autoscaling_group.workers.name
  policy_type               = "TargetTrackingScaling"
  estimated_instance_warmup = var.instance_warmup_seconds

  target_tracking_configuration {
    target_value = var.target_backlog_per_instance

    customized_metric_specification {
      dynamic "metrics" {
        for_each = local.backlog_queries
        content {
          id          = metrics.value.id
          label       = metrics.value.label
          return_data = false
          metric_stat {
            stat = metrics.value.stat
            metric {
              namespace   = metrics.value.namespace
              metric_name = metrics.value.metric_name
              dynamic "dimensions" {
                for_each = metrics.value.dimensions
                content {
                  name  = dimensions.key
                  value = dimensions.value
                }
              }
            }
          }
        }
      }
      metrics {
        id          = "backlog"
        label       = "Backlog per instance in service"
        expression  = local.backlog_expression
        return_data = true
      }
    }
  }
}
