variable "environment" {
  type = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}
variable "project" { type = string }
variable "region" {
  type    = string
  default = "europe-west1"
}
variable "subnetwork" { type = string }
variable "image_uri" { type = string }
variable "service_account" { type = string }
variable "machine_type" {
  type    = string
  default = "e2-medium"
}
variable "min_instances" {
  type    = number
  default = 1
}
variable "max_instances" {
  type    = number
  default = 2
}
