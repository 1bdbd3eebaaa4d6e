variable "name" {
  description = "Name of the worker group."
  type        = string
  default     = "dreamworker"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name))
    error_message = "name must be 2 to 32 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "vpc_id" {
  description = "The existing VPC the workers join."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC id such as vpc-0123456789abcdef0."
  }
}

variable "private_subnet_tag" {
  description = "Tag (key and value) that marks the VPC's private subnets, which the workers are spread across."
  type        = object({ key = string, value = string })
  default     = { key = "tier", value = "private" }

  validation {
    condition     = length(var.private_subnet_tag.key) > 0
    error_message = "private_subnet_tag.key must not be empty."
  }
}

variable "msk_cluster_name" {
  description = "Name of the existing MSK cluster (IAM authentication enabled) that holds the jobs, events and dead-letter topics."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9-]{1,64}$", var.msk_cluster_name))
    error_message = "msk_cluster_name must be an MSK cluster name (letters, digits, hyphens)."
  }
}

variable "msk_security_group_id" {
  description = "Security group of the MSK brokers: the example allows the workers in on the IAM port (9098)."
  type        = string

  validation {
    condition     = can(regex("^sg-[0-9a-f]{8,17}$", var.msk_security_group_id))
    error_message = "msk_security_group_id must be a security group id such as sg-0123456789abcdef0."
  }
}

variable "ecr_repository_name" {
  description = "ECR repository holding the worker's GPU image (deploy/docker)."
  type        = string
  default     = "dreamworker"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._/-]{1,255}$", var.ecr_repository_name))
    error_message = "ecr_repository_name must be an ECR repository name."
  }
}

variable "image_tag" {
  description = "Tag of the image to run (a release, never latest)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,128}$", var.image_tag)) && var.image_tag != "latest"
    error_message = "image_tag must be a release tag such as 0.1.0 (not latest)."
  }
}

variable "bundle_s3_uri" {
  description = "S3 prefix of the model bundle, such as s3://my-models/dreamllm/7b-v1/."
  type        = string

  validation {
    condition     = can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$", var.bundle_s3_uri))
    error_message = "bundle_s3_uri must be s3://BUCKET/PREFIX."
  }
}

variable "input_bucket_names" {
  description = "Existing buckets that jobs may reference input images in."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for b in var.input_bucket_names : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", b))])
    error_message = "input_bucket_names must list bucket names."
  }
}

variable "output_bucket_name" {
  description = "Existing bucket the workers write outputs to."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.output_bucket_name))
    error_message = "output_bucket_name must be a bucket name."
  }
}

variable "max_size" {
  description = "Most GPU instances (at most the jobs topic's partition count)."
  type        = number
  default     = 8

  validation {
    condition     = var.max_size >= 1 && var.max_size <= 1000
    error_message = "max_size must be from 1 to 1000."
  }
}

variable "alarm_email" {
  description = "E-mail address subscribed to the alarms (confirm the subscription mail); null for none."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be null or an e-mail address."
  }
}

variable "tags" {
  description = "Tags for everything the example creates."
  type        = map(string)
  default     = { project = "dreamworker" }

  validation {
    condition     = alltrue([for k, v in var.tags : length(k) > 0 && !startswith(lower(k), "aws:")])
    error_message = "tags keys must not be empty or start with aws:."
  }
}
