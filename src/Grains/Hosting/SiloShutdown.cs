namespace Interview.Grains.Hosting;

/// <summary>
/// How long a stopping silo may take to hand its sessions over (each writes its state; Orleans leaves
/// the cluster). Kubernetes' termination grace period for silos must be longer (deploy/k8s/silo.yaml).
/// </summary>
public static class SiloShutdown
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
}
