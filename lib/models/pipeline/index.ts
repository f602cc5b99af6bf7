// The trained pipeline: the Pipeline type, JointPipeline (predict), building it from its parts, saving and loading.
export * from './pipeline';
export { JointPipeline } from './jointPipeline';
export { loadPipeline } from './load';
