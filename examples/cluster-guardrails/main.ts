import { App } from 'cdk8s';
import { build } from './app';

const app = new App();
build(app);
app.synth();
