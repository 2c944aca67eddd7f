variable "environment" {
  type        = string
  description = "dev, staging or prod"
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}
variable "region" {
  type    = string
  default = "eu-west-1"
}
variable "vpc_id" { type = string }
variable "subnet_ids" { type = list(string) }
variable "image_uri" {
  type        = string
  description = "the reference server image in ECR"
}
variable "admin_key_parameter" {
  type        = string
  description = "SSM SecureString parameter holding STRATUS_ADMIN_KEY"
}
variable "instance_type" {
  type    = string
  default = "t3.medium"
}
variable "min_instances" {
  type    = number
  default = 1
}
variable "max_instances" {
  type    = number
  default = 2
}
