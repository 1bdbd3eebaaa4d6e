terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40.0, < 7.0.0"
    }
  }

  # Keep the state remote and locked in real use, for example:
  # backend "s3" { bucket = "my-terraform-state" key = "dreamworker/basic.tfstate" use_lockfile = true }
}

# The region and credentials come from the environment (AWS_REGION, AWS_PROFILE or the instance's
# role), never from this file.
provider "aws" {
  default_tags {
    tags = var.tags
  }
}
