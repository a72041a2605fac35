// Static assets imported by UI modules resolve to their file name under jest.
module.exports = "asset";
