from expediente.cli import main

raise SystemExit(main())
