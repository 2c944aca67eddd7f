# Shared sizing of the dev environment; each cloud module reads the variables it declares
# (terraform plan -var-file=../environments/dev.tfvars plus the cloud's own network and image variables).
environment   = "dev"
min_instances = 1
max_instances = 2
# aws: instance_type, gcp: machine_type, azure: vm_size
instance_type = "t3.medium"
machine_type  = "e2-medium"
vm_size       = "Standard_D2s_v5"
