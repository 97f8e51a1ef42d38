#!/bin/sh
# make bench: builds and runs the benchmarks against the shipped lessons.
build=$1
"$build/bench" lessons
