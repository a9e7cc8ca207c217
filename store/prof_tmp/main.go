package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/broadsheet/broadsheet/store"
)

func main() {
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	t := time.Now()
	roots, _ := store.OpenRoots(os.Args[1:])
	lib := store.NewLibrary()
	lib.CacheDir = os.Getenv("CACHE")
	first := true
	lib.Load(context.Background(), roots, func(p store.Progress) {
		if first {
			fmt.Println("first notify", time.Since(t), p.Loaded)
			first = false
		}
	})
	pprof.StopCPUProfile()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println(lib.Len(), time.Since(t), ms.HeapAlloc>>20, "MB heap")
	h, _ := os.Create("/tmp/heap.prof")
	pprof.WriteHeapProfile(h)
	h.Close()
	runtime.KeepAlive(lib)
}
