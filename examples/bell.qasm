// A Bell pair: half the shots read 00, half 11.
//   npx qgate runtime job-submit examples/bell.qasm --instance QR-ml --shots 1000
OPENQASM 3.0;
include "stdgates.inc";
bit[2] meas;
qubit[2] q;
h q[0];
cx q[0], q[1];
meas[0] = measure q[0];
meas[1] = measure q[1];
