variable "environment" {
  type = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}
variable "resource_group" { type = string }
variable "location" {
  type    = string
  default = "westeurope"
}
variable "subnet_id" { type = string }
variable "image_uri" { type = string }
variable "admin_key" {
  type      = string
  sensitive = true
}
variable "ssh_public_key" { type = string }
variable "vm_size" {
  type    = string
  default = "Standard_D2s_v5"
}
variable "min_instances" {
  type    = number
  default = 1
}
variable "max_instances" {
  type    = number
  default = 2
}
