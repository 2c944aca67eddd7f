output "scale_set_id" {
  value = azurerm_linux_virtual_machine_scale_set.server.id
}
