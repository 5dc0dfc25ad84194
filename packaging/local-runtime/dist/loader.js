// Local stand-in for the loader `forge deploy` downloads from Atlassian's CDN. @forge/bundler writes
// it as `__forge__.cjs`, the file Forge's runtime loads (handler `__forge__.main`), and the wrapper
// beside it as `__forge_wrapper__.cjs`; like Forge's loader it only finds the wrapper and hands the
// invocation to it.
'use strict';
const path = require('path');

const wrapperFile = process.env.FORGE_CUSTOM_WRAPPER_FILE_NAME || '__forge_wrapper__.cjs';
const wrapper = require(path.join(__dirname, wrapperFile));

exports.main = (lambdaEvent, lambdaContext) => wrapper.main(lambdaEvent, lambdaContext);
