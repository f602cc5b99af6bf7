// Registers every scheme (one file each). A new scheme is one file here plus one import line.
import './separate';
import './shared';
import './conditioned';
import './labelToken';
import './nerFeatures';
import './softCascade';
import './hardCascade';
