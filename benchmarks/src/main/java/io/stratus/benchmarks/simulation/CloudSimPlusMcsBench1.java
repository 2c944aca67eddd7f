package io.stratus.benchmarks.simulation;

import java.util.ArrayList;
import java.util.List;
import org.cloudsimplus.allocationpolicies.VmAllocationPolicy;
import org.cloudsimplus.allocationpolicies.VmAllocationPolicyBestFit;
import org.cloudsimplus.allocationpolicies.VmAllocationPolicyFirstFit;
import org.cloudsimplus.brokers.DatacenterBroker;
import org.cloudsimplus.brokers.DatacenterBrokerSimple;
import org.cloudsimplus.cloudlets.Cloudlet;
import org.cloudsimplus.cloudlets.CloudletSimple;
import org.cloudsimplus.core.CloudSimPlus;
import org.cloudsimplus.core.CloudSimTag;
import org.cloudsimplus.datacenters.DatacenterSimple;
import org.cloudsimplus.hosts.Host;
import org.cloudsimplus.hosts.HostSimple;
import org.cloudsimplus.resources.Pe;
import org.cloudsimplus.resources.PeSimple;
import org.cloudsimplus.schedulers.cloudlet.CloudletSchedulerSpaceShared;
import org.cloudsimplus.schedulers.cloudlet.CloudletSchedulerTimeShared;
import org.cloudsimplus.schedulers.vm.VmSchedulerSpaceShared;
import org.cloudsimplus.utilizationmodels.UtilizationModel;
import org.cloudsimplus.utilizationmodels.UtilizationModelAbstract;
import org.cloudsimplus.vms.Vm;
import org.cloudsimplus.vms.VmSimple;

/**
 * Scenario mcs-bench-1 built in CloudSim Plus 8.5.7 (benchmark-only peer, GPL-3.0; never an SDK dependency). The
 * workload (VM sizes, arrivals, lengths, utilization) comes from the same pure functions as the Stratus run ({@link
 * McsBench1Workload}); hosts use {@link VmSchedulerSpaceShared}, VMs {@link CloudletSchedulerSpaceShared} (set after
 * construction because of CloudSim Plus bug #542), cloudlets are bound to VM {@code k mod V} with a submission delay
 * equal to their arrival time and a CPU utilization model that returns {@code u_k(n(t))}.
 */
final class CloudSimPlusMcsBench1 {
  private final McsBench1Parameters params;
  private final McsBench1Workload workload;
  private final double interval;
  private final boolean spaceShared;
  private CloudSimPlus simulation;
  private DatacenterBroker broker;
  private List<Cloudlet> cloudlets;
  private long events;
  private long dcUpdateEvents;
  private double lastEventTime;

  CloudSimPlusMcsBench1(McsBench1Parameters params, double interval, boolean spaceShared) {
    this.params = params;
    this.workload = McsBench1Workload.of(params);
    this.interval = interval;
    this.spaceShared = spaceShared;
  }

  /** Builds hosts, VMs and cloudlets and submits them (the scenario's setup phase). */
  void setup() {
    simulation = new CloudSimPlus();
    simulation.addOnEventProcessingListener(evt -> {
      events++;
      lastEventTime = Math.max(lastEventTime, evt.getTime());
      if (evt.getTag() == CloudSimTag.VM_UPDATE_CLOUDLET_PROCESSING) {
        dcUpdateEvents++;
      }
    });
    List<Host> hosts = new ArrayList<>(params.hosts());
    for (int i = 0; i < params.hosts(); i++) {
      List<Pe> pes = new ArrayList<>(McsBench1Workload.HOST_PES);
      for (int p = 0; p < McsBench1Workload.HOST_PES; p++) {
        pes.add(new PeSimple(McsBench1Workload.PE_MIPS));
      }
      Host host = new HostSimple(
          McsBench1Workload.HOST_RAM_MIB, McsBench1Workload.HOST_BW_MBPS, McsBench1Workload.HOST_STORAGE_MB, pes);
      host.setVmScheduler(new VmSchedulerSpaceShared());
      hosts.add(host);
    }
    VmAllocationPolicy policy = params.policy() == McsBench1Parameters.Policy.BESTFIT
        ? new VmAllocationPolicyBestFit()
        : new VmAllocationPolicyFirstFit();
    DatacenterSimple dc = new DatacenterSimple(simulation, hosts, policy);
    dc.setSchedulingInterval(interval);
    broker = new DatacenterBrokerSimple(simulation);

    List<Vm> vms = new ArrayList<>(params.vms());
    for (int j = 0; j < params.vms(); j++) {
      int p = workload.vmVcpus(j);
      Vm vm = new VmSimple(McsBench1Workload.PE_MIPS, p);
      vm.setCloudletScheduler(spaceShared ? new CloudletSchedulerSpaceShared() : new CloudletSchedulerTimeShared());
      vm.setRam(McsBench1Workload.VM_RAM_PER_VCPU_MIB * p)
          .setBw(McsBench1Workload.VM_BW_PER_VCPU_MBPS * p)
          .setSize(McsBench1Workload.VM_IMAGE_MB);
      vms.add(vm);
    }
    cloudlets = new ArrayList<>(params.cloudlets());
    for (int k = 0; k < params.cloudlets(); k++) {
      Cloudlet c = new CloudletSimple(workload.length(k), 1);
      c.setUtilizationModelCpu(new StepUtilization(workload, k));
      c.setUtilizationModelRam(UtilizationModel.NULL);
      c.setUtilizationModelBw(UtilizationModel.NULL);
      c.setFileSize(1).setOutputSize(1);
      c.setSubmissionDelay(workload.arrival(k));
      c.setVm(vms.get(workload.vmOf(k)));
      cloudlets.add(c);
    }
    broker.submitVmList(vms);
    broker.submitCloudletList(cloudlets);
  }

  /**
   * Runs the simulation: {@code CloudSimPlus.start()} without a horizon; with a horizon T, the events up to T only
   * (section 1 of the scenario: pending events are dropped, not drained). {@code terminateAt(T)} is not used because
   * CloudSim Plus 8.5.7 then drains every pending event at shutdown ({@code finish()} runs the event loop until the
   * queue is empty), which processed about 4x more events after T than before it.
   */
  void run() {
    double horizon = params.horizonS();
    if (horizon <= 0) {
      simulation.start();
      return;
    }
    simulation.startSync();
    // runFor processes the next clock tick if it is at or before `until`; otherwise it moves the clock to `until`
    while (simulation.isRunning() && simulation.clock() < horizon) {
      simulation.runFor(horizon - simulation.clock());
    }
  }

  /** Finish time of cloudlet k, NaN if it did not finish (by the horizon). */
  double finishTime(int k) {
    Cloudlet c = cloudlets.get(k);
    if (!c.isFinished()) {
      return Double.NaN;
    }
    double f = c.getFinishTime();
    return params.horizonS() > 0 && f > params.horizonS() ? Double.NaN : f;
  }

  long events() {
    return events;
  }

  long dcUpdateEvents() {
    return dcUpdateEvents;
  }

  /** The time of the latest event processed (0 if none). */
  double lastEventTime() {
    return lastEventTime;
  }

  /** CPU utilization u_k(n(t)), constant within a step of S seconds. */
  private static final class StepUtilization extends UtilizationModelAbstract {
    private final McsBench1Workload workload;
    private final int k;

    StepUtilization(McsBench1Workload workload, int k) {
      this.workload = workload;
      this.k = k;
    }

    @Override
    protected double getUtilizationInternal(double time) {
      return workload.utilization(k, workload.stepAt(time));
    }
  }
}
