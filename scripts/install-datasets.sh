#!/usr/bin/env bash
# Installs the real datasets the shipped suites use, from Debian's packages (offline-friendly):
# Fashion-MNIST → /usr/share/datasets/fashion-mnist. Needs root (or sudo) and apt.
set -euo pipefail
if [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  echo "Fashion-MNIST already in /usr/share/datasets/fashion-mnist"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq dataset-fashion-mnist
echo "Fashion-MNIST installed in /usr/share/datasets/fashion-mnist"
