# Stratus reference server on GCP: a regional managed instance group of Container-Optimized OS instances running the
# container image, auto-healed on /health/ready and autoscaled on CPU.
terraform {
  required_version = ">= 1.5"
  required_providers {
    google = { source = "hashicorp/google", version = "~> 5.0" }
  }
}

provider "google" {
  project = var.project
  region  = var.region
}

resource "google_compute_instance_template" "server" {
  name_prefix  = "stratus-${var.environment}-"
  machine_type = var.machine_type
  disk {
    source_image = "projects/cos-cloud/global/images/family/cos-stable"
    disk_size_gb = 20
    boot         = true
  }
  network_interface {
    subnetwork = var.subnetwork
  }
  metadata = {
    gce-container-declaration = yamlencode({
      spec = {
        containers = [{
          image = var.image_uri
          env = [
            { name = "STRATUS_BIND", value = "0.0.0.0" },
            { name = "STRATUS_DATA_DIR", value = "/var/lib/stratus" },
            { name = "STRATUS_READINESS_DRAIN", value = "PT10S" },
          ]
          securityContext = { runAsUser = 10001 }
        }]
        restartPolicy = "Always"
      }
    })
  }
  service_account {
    email  = var.service_account
    scopes = ["cloud-platform"]
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "google_compute_health_check" "ready" {
  name = "stratus-${var.environment}-ready"
  http_health_check {
    port         = 8080
    request_path = "/health/ready"
  }
}

resource "google_compute_region_instance_group_manager" "server" {
  name               = "stratus-${var.environment}"
  base_instance_name = "stratus-${var.environment}"
  region             = var.region
  version {
    instance_template = google_compute_instance_template.server.id
  }
  named_port {
    name = "http"
    port = 8080
  }
  auto_healing_policies {
    health_check      = google_compute_health_check.ready.id
    initial_delay_sec = 120
  }
}

resource "google_compute_region_autoscaler" "server" {
  name   = "stratus-${var.environment}"
  region = var.region
  target = google_compute_region_instance_group_manager.server.id
  autoscaling_policy {
    min_replicas = var.min_instances
    max_replicas = var.max_instances
    cpu_utilization {
      target = 0.7
    }
  }
}
