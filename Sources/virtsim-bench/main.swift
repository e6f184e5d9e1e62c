print("virtsim-bench: under construction")
