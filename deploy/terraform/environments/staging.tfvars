environment   = "staging"
min_instances = 2
max_instances = 4
instance_type = "m6i.large"
machine_type  = "e2-standard-2"
vm_size       = "Standard_D2s_v5"
