# Stratus reference server on Azure: a Linux virtual machine scale set running the container image, with the
# application health extension on /health/ready and CPU autoscaling.
terraform {
  required_version = ">= 1.5"
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 3.0" }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_linux_virtual_machine_scale_set" "server" {
  name                = "stratus-${var.environment}"
  resource_group_name = var.resource_group
  location            = var.location
  sku                 = var.vm_size
  instances           = var.min_instances
  admin_username      = "stratusadmin"
  upgrade_mode        = "Rolling"
  custom_data = base64encode(templatefile("${path.module}/../cloud-init.yaml.tftpl", {
    image_uri = var.image_uri
    admin_key = var.admin_key
  }))
  admin_ssh_key {
    username   = "stratusadmin"
    public_key = var.ssh_public_key
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
    disk_size_gb         = 64
  }
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "ip"
      primary   = true
      subnet_id = var.subnet_id
    }
  }
  extension {
    name                 = "health"
    publisher            = "Microsoft.ManagedServices"
    type                 = "ApplicationHealthLinux"
    type_handler_version = "1.0"
    settings             = jsonencode({ protocol = "http", port = 8080, requestPath = "/health/ready" })
  }
  rolling_upgrade_policy {
    max_batch_instance_percent              = 34
    max_unhealthy_instance_percent          = 34
    max_unhealthy_upgraded_instance_percent = 34
    pause_time_between_batches              = "PT30S"
  }
}

resource "azurerm_monitor_autoscale_setting" "server" {
  name                = "stratus-${var.environment}-autoscale"
  resource_group_name = var.resource_group
  location            = var.location
  target_resource_id  = azurerm_linux_virtual_machine_scale_set.server.id
  profile {
    name = "cpu"
    capacity {
      default = var.min_instances
      minimum = var.min_instances
      maximum = var.max_instances
    }
    rule {
      metric_trigger {
        metric_name        = "Percentage CPU"
        metric_resource_id = azurerm_linux_virtual_machine_scale_set.server.id
        time_grain         = "PT1M"
        statistic          = "Average"
        time_window        = "PT5M"
        time_aggregation   = "Average"
        operator           = "GreaterThan"
        threshold          = 70
      }
      scale_action {
        direction = "Increase"
        type      = "ChangeCount"
        value     = "1"
        cooldown  = "PT5M"
      }
    }
  }
}
