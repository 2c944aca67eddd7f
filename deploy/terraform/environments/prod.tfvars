environment   = "prod"
min_instances = 3
max_instances = 12
instance_type = "m6i.xlarge"
machine_type  = "e2-standard-4"
vm_size       = "Standard_D4s_v5"
