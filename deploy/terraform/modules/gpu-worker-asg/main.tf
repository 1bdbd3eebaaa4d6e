# Where the module runs. Nothing in it names a region, an account or a partition: they come from
# the provider's configuration through these data sources.

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

data "aws_ssm_parameter" "ami" {
  name = var.ami_ssm_parameter
}

locals {
  # The deployment's context. Everything else is derived in locals.tf from these and the inputs,
  # so that deploy/checks can evaluate it offline with a stand-in for this block.
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name
  account   = data.aws_caller_identity.current.account_id
  ami_id    = data.aws_ssm_parameter.ami.insecure_value
}
