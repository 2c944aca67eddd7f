output "load_balancer_dns" {
  value = aws_lb.server.dns_name
}
