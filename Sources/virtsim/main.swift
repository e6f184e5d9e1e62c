import VirtSimCLI
VirtSimMain.main()
