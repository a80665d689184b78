export const CLUSTER_JOBS_QUEUE = 'cluster-jobs';
